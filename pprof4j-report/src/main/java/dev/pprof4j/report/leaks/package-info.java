/**
 * The leak hunt: Go's routine (take h1, load, take h2 and h3, find what only grows) done by
 * the machine.
 *
 * <p>A {@link dev.pprof4j.report.leaks.Snapshot} is what a process held at one moment:
 * threads by stack and creating stack, live heap by allocation site (the sampler's
 * in-use values), exact heap by class (a histogram taken after a full GC), and reference
 * chains where known. {@link dev.pprof4j.report.leaks.detect.LeakDetector} takes any series of
 * them (live rounds from {@link dev.pprof4j.report.leaks.source.AgentSnapshots}, or an agent's
 * history) and reports what grew as a leak grows, ranked, each finding with its evidence,
 * how sure the verdict is ({@link dev.pprof4j.report.leaks.detect.Trend}) and a
 * {@link dev.pprof4j.report.leaks.detect.FixHint}.
 *
 * <p>Decisions: only in-use measures are judged, never allocation totals, so garbage cannot
 * pass for a leak; the first interval is warm-up; growth is judged as a trend that never
 * falls back ({@link dev.pprof4j.report.leaks.detect.LeakCriteria}: a rank test over the rounds, a
 * floor of 2 threads or 2 MiB on the rise, no fall below an earlier high, no stall), because
 * real traffic comes in bursts and a leak is flat between them. When the live-heap sampler
 * is there, a leak is named after its allocating method; a class that grew is evidence for a
 * finding only when that finding's site allocated it or its chain runs through the finding's
 * code, and a finding of its own otherwise. Memory that leaked threads hold, allocated by
 * their creator or on their own stack, is listed under the thread finding's evidence rather
 * than as a second leak ({@link dev.pprof4j.report.leaks.detect.Consequences}). The agent's own threads and allocations are not the application's
 * and are left out, and so are heap sites with no application frame at all (the JDK's
 * own threads: JFR's parser, the HTTP client's selector). A measure a source cannot give is
 * reported as "not measured", never as zero.
 */
package dev.pprof4j.report.leaks;
