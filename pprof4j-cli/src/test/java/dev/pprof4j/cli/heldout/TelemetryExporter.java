package dev.pprof4j.cli.heldout;

import java.util.concurrent.locks.LockSupport;

/** Held-out leak: an exporter whose constructor starts a flusher thread; made per checkout, never closed. */
final class TelemetryExporter {
    private volatile boolean closed;

    TelemetryExporter(String endpoint) {
        Thread flusher = new Thread(this::flushLoop, "telemetry-flusher-" + endpoint);
        flusher.setDaemon(true);
        flusher.start();
    }

    void export(String metric) {
        if (metric.isEmpty()) {
            closed = true;
        }
    }

    private void flushLoop() {
        while (!closed) {
            LockSupport.parkNanos(500_000_000L);
        }
    }
}
