package dev.pprof4j.runtime.http;

import dev.pprof4j.protocol.GoDurations;
import dev.pprof4j.protocol.JsonWriter;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.history.HistorySnapshot;
import dev.pprof4j.runtime.collect.history.SnapshotHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /debug/vars}' {@code history} object: how the history is set and what it costs
 * ({@code Bytes}), and per snapshot its time, heap in use, live threads and GC counts — a
 * time series a person can plot (the web UI does).
 */
final class HistoryVars {
    private HistoryVars() {
    }

    static void write(JsonWriter json, CollectorSet collectors) {
        json.name("history").beginObject();
        Optional<SnapshotHistory> running = collectors.history();
        if (running.isEmpty()) {
            json.field("Enabled", 0).field("Reason", collectors.historyUnavailableReason()).endObject();
            return;
        }
        SnapshotHistory history = running.get();
        List<HistorySnapshot> snapshots = history.snapshots();
        long now = System.nanoTime();
        json.field("Enabled", history.stoppedReason() == null ? 1 : 0)
                .field("Interval", GoDurations.format(history.settings().interval()))
                .field("IntervalMs", history.settings().interval().toMillis())
                .field("Size", history.settings().size())
                .field("Held", snapshots.size())
                .field("Bytes", history.bytes())
                .field("Ticks", history.ticks())
                .field("SkippedTicks", history.skippedTicks())
                .field("LastTickNs", history.lastTickNanos());
        if (history.stoppedReason() != null) {
            json.field("Reason", history.stoppedReason());
        }
        json.name("Snapshots").beginArray();
        for (HistorySnapshot s : snapshots) {
            json.beginObject()
                    .field("Time", Instant.ofEpochMilli(s.timeMillis()).toString())
                    .field("AgeMs", s.ageNanos(now) / 1_000_000)
                    .field("HeapAlloc", s.heapInUse())
                    .field("Platform", s.platformThreads());
            if (s.virtualThreads() >= 0) {
                json.field("Virtual", s.virtualThreads());
            }
            json.field("NumGC", s.gcCount()).field("OldCollections", s.oldCollections())
                    .field("OldGCs", s.oldGcs()).endObject();
        }
        json.endArray().endObject();
    }
}
