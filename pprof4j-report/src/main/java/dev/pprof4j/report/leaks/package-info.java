/**
 * The leak hunt: Go's routine (take h1, load, take h2 and h3, find what only grows) done by
 * the machine.
 *
 * <p>A {@link dev.pprof4j.report.leaks.Snapshot} is what a process held at one moment:
 * threads by stack and creating stack, live heap by allocation site (the sampler's
 * in-use values), exact heap by class (a histogram taken after a full GC), and reference
 * chains where known. {@link dev.pprof4j.report.leaks.LeakDetector} takes any series of
 * them (live rounds from {@link dev.pprof4j.report.leaks.AgentSnapshots}, or an agent's
 * history) and reports what grew in every round after warm-up, ranked, each finding with
 * its evidence and a {@link dev.pprof4j.report.leaks.FixHint}.
 *
 * <p>Decisions: only in-use measures are judged, never allocation totals, so garbage cannot
 * pass for a leak; the first interval is warm-up and is not judged; every judged interval
 * must grow and the total must pass a floor (2 threads, 2 MiB), because after a full GC the
 * objects of requests in flight still make a little noise. When the live-heap sampler
 * is there, a leak is named after its allocating method and the class histogram only
 * corroborates; without it the classes are the findings. Memory that leaked threads hold,
 * allocated where they were created, is listed under the thread finding's evidence rather
 * than as a second leak. The agent's own threads and allocations are not the application's
 * and are left out, and so are heap sites with no application frame at all (the JDK's
 * own threads: JFR's parser, the HTTP client's selector). A measure a source cannot give is
 * reported as "not measured", never as zero.
 */
package dev.pprof4j.report.leaks;
