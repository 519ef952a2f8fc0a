package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.cpu.CpuWindows;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code /debug/pprof/profile?seconds=N}: a window of the shared CPU recording
 * ({@link CpuWindows}), so a request is served while another request or the Pyroscope pusher
 * samples too, where Go answers "cpu profiling already in use". Only a request for another
 * mode than the one running is refused, with Go's status.
 */
final class CpuEndpoint {
    static final int DEFAULT_SECONDS = 30;

    private final CpuWindows windows;
    private final FrameAddresses addresses;

    CpuEndpoint(CpuWindows windows, FrameAddresses addresses) {
        this.windows = windows;
        this.addresses = addresses;
    }

    CpuEngine engine() {
        return windows.engine();
    }

    void serve(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException {
        int seconds = request.seconds(DEFAULT_SECONDS);
        String mode = request.has("mode") ? request.param("mode") : "cpu";
        Profile profile = record(seconds, mode);
        request.sendAttachment("profile", ProfileEncoder.toGzipBytes(addresses.assign(profile)));
    }

    /** Records {@code seconds} of {@code mode} (cpu or wall); one recording at a time, shared by every endpoint. */
    Profile record(int seconds, String mode) throws HttpError, CollectorUnavailableException {
        CpuEngine engine = windows.engine();
        if (!engine.offers(mode)) {
            throw HttpError.badRequest("mode=" + mode + " is not offered by the " + engine.name()
                    + " engine; use mode=cpu" + (mode.equals("wall") ? " (wall needs async-profiler)" : ""));
        }
        String reason = engine.unavailableReason();
        if (reason != null) {
            throw HttpError.unavailable("Could not enable CPU profiling: " + reason);
        }
        CpuWindows.Window window;
        try {
            window = windows.open(new CpuEngine.CpuRequest(Duration.ofSeconds(seconds),
                    CpuEngine.CpuRequest.DEFAULT_INTERVAL, mode));
        } catch (CpuWindows.InUseException e) {
            // Go: StartCPUProfile fails, handler answers 500 "Could not enable CPU profiling: ...".
            throw new HttpError(500, "Could not enable CPU profiling: " + e.getMessage());
        }
        try (window) {
            ProfileEndpoint.sleep(seconds);
            return window.stop();
        }
    }
}
