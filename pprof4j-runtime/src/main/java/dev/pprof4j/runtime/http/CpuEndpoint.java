package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /debug/pprof/profile?seconds=N}: one CPU profile at a time, as Go allows; a second
 * request while one runs is refused at once with Go's status and message.
 */
final class CpuEndpoint {
    static final int DEFAULT_SECONDS = 30;

    private final CpuEngine engine;
    private final FrameAddresses addresses;
    private final AtomicBoolean inUse = new AtomicBoolean();

    CpuEndpoint(CpuEngine engine, FrameAddresses addresses) {
        this.engine = engine;
        this.addresses = addresses;
    }

    CpuEngine engine() {
        return engine;
    }

    void serve(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException {
        int seconds = request.seconds(DEFAULT_SECONDS);
        String mode = request.has("mode") ? request.param("mode") : "cpu";
        Profile profile = record(seconds, mode);
        request.sendAttachment("profile", ProfileEncoder.toGzipBytes(addresses.assign(profile)));
    }

    /** Records {@code seconds} of {@code mode} (cpu or wall); one recording at a time, shared by every endpoint. */
    Profile record(int seconds, String mode) throws HttpError, CollectorUnavailableException {
        if (!engine.offers(mode)) {
            throw HttpError.badRequest("mode=" + mode + " is not offered by the " + engine.name()
                    + " engine; use mode=cpu" + (mode.equals("wall") ? " (wall needs async-profiler)" : ""));
        }
        String reason = engine.unavailableReason();
        if (reason != null) {
            throw HttpError.unavailable("Could not enable CPU profiling: " + reason);
        }
        if (!inUse.compareAndSet(false, true)) {
            // Go: StartCPUProfile fails, handler answers 500 "Could not enable CPU profiling: ...".
            throw new HttpError(500, "Could not enable CPU profiling: cpu profiling already in use");
        }
        try (CpuEngine.CpuRecording recording = engine.start(new CpuEngine.CpuRequest(Duration.ofSeconds(seconds),
                CpuEngine.CpuRequest.DEFAULT_INTERVAL, mode))) {
            ProfileEndpoint.sleep(seconds);
            return recording.stop();
        } finally {
            inUse.set(false);
        }
    }
}
