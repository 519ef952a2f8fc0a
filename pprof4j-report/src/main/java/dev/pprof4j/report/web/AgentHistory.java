package dev.pprof4j.report.web;

import java.io.IOException;
import java.util.List;

/**
 * A live agent's history, for a UI whose profile comes from one: the time series of
 * {@code /debug/vars}' {@code history}, and the profile as now minus one of those snapshots
 * (the agent's {@code since=}), which is what {@code -base} with a profile taken then shows.
 */
public interface AgentHistory {
    /** The agent's snapshots, oldest first. */
    List<Point> points() throws IOException;

    /** The source's profile with {@code since=<Go duration>}: now minus the snapshot nearest that age. */
    ProfileSource.Snapshot since(String since) throws IOException;

    /**
     * One snapshot as {@code /debug/vars} lists it.
     *
     * @param time ISO-8601 instant
     * @param ageMillis its age when the points were read
     * @param virtual -1 when the agent could not count virtual threads
     */
    record Point(String time, long ageMillis, long heapAlloc, long platform, long virtual, long numGc) {
        public long threads() {
            return platform + Math.max(0, virtual);
        }
    }
}
