package dev.pprof4j.runtime.http;

import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.jfr.TraceRecorder;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /debug/pprof/trace?seconds=N}: Go serves an execution trace for {@code go tool trace};
 * the JVM's equivalent is a JFR recording of that window with the default settings, which
 * opens in JDK Mission Control or {@code jfr print}. One at a time, like Go's tracer.
 */
final class TraceEndpoint {
    private final AtomicBoolean inUse = new AtomicBoolean();

    void serve(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException {
        int seconds = request.seconds(1);
        if (!inUse.compareAndSet(false, true)) {
            throw new HttpError(500, "Could not enable tracing: tracing is already enabled");
        }
        try {
            byte[] recording = TraceRecorder.record(seconds);
            request.sendAttachment("trace.jfr", recording);
        } finally {
            inUse.set(false);
        }
    }
}
