/**
 * Where the hunt's snapshots come from, each behind {@link dev.pprof4j.report.leaks.SnapshotSource}
 * (and {@link dev.pprof4j.report.leaks.RetainerSource} for who holds the heap): an agent's
 * endpoints taken round by round, an agent's own history, or saved profiles. The I/O lives
 * here; the text it reads is parsed by {@code leaks.parse}.
 */
package dev.pprof4j.report.leaks.source;
