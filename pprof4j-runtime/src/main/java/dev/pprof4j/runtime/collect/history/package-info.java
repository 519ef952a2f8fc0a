/**
 * The agent's own history: "what grew since ten minutes ago?" without anyone having taken
 * a profile ten minutes ago.
 *
 * <p><b>Options.</b> {@code history=<Go duration>} (default {@code 1m}, from 1s to 24h;
 * {@code 0} turns it off) and {@code historysize=<n>} (default 60, 2 to 10 000). Every
 * interval one daemon thread, {@code pprof4j-history}, records a {@link
 * dev.pprof4j.runtime.collect.history.HistorySnapshot}: live threads grouped by stack and by
 * creating stack, live heap by allocation site (the JVMTI sampler's samples, never a copy of
 * the heap), the class histogram's top 50 rows when the tick may take one, and the memstats
 * numbers (heap in use, GC count, platform and virtual threads).
 *
 * <p><b>Bounded.</b> Stacks, frames and strings are shared by every snapshot through one
 * interner, rebuilt from the surviving snapshots once per turn of the ring; a heap reading is
 * shared by consecutive snapshots while the sampler saw nothing new. At most 20 000 thread
 * groups and 50 000 heap sites a tick (the rest summed under one pseudo stack). The ring's
 * estimated bytes are {@code /debug/vars} {@code history.Bytes} (bench/history/run.sh
 * measures them against the heap).
 *
 * <p><b>A good guest.</b> A tick that runs late makes the next ones skip (counted as
 * {@code SkippedTicks}), never pile up. The class histogram stops the world for a full GC,
 * so it is off unless the agent is started with {@code historyhistograms=on}; then a tick takes
 * one only every fifth tick at the earliest and only while histograms stay
 * under 0.5 % of the time between them (before the first, its cost is guessed at a second per
 * GB of heap in use, so a 10 GB heap waits about half an hour for it). A tick that throws leaves the ring as it was; three
 * in a row, or an {@link OutOfMemoryError}, stop the history, free the ring and say why on
 * {@code /debug/vars}.
 *
 * <p><b>Served as.</b> {@code since=<Go duration>} on heap, allocs, goroutine and threadcreate:
 * now minus the snapshot nearest that age (a 400 saying how much is held when asked for
 * more); {@code /debug/vars} {@code history}: the series; {@code /debug/pprof/history?since=D}:
 * the window as text for {@code pprof4j leaks --since D}.
 *
 * <p><b>Old garbage.</b> The history never runs a GC of its own, so in-use bytes by site
 * include garbage that no collection has reclaimed yet; in the old generation that waits for
 * a marking cycle. {@link dev.pprof4j.runtime.collect.history.OldGenCanaries} and the
 * collectors' own counts ({@link dev.pprof4j.runtime.collect.history.OldGenerationGcs}) count
 * such cycles; a tick reads them before its heap reading, so a tick whose count rose holds a
 * reading taken after the collection. Between two of them a bounded cache's estimate climbs by
 * what it allocates, as a leak's does, so the leak hunt calls heap growth over history a leak
 * only when a reading right after one confirms it.
 */
package dev.pprof4j.runtime.collect.history;
