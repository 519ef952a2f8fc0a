package dev.pprof4j.report.leaks;

import java.io.IOException;

/** Where snapshots come from: an agent's endpoints now, its history later, files in tests. */
public interface SnapshotSource {
    /** Takes one snapshot now; measures the source cannot give are left out and noted. */
    Snapshot take() throws IOException;
}
