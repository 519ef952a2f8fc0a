package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import java.io.IOException;

/**
 * {@code /debug/fgprof?seconds=N}: the wall-clock profile of every thread, running or waiting,
 * that Go users get from fgprof and Grafana Alloy scrapes as its optional {@code fgprof} target.
 * It is {@code /debug/pprof/profile?mode=wall} from the same engine, in fgprof's sample types
 * ({@code samples/count}, {@code time/nanoseconds}) and period type
 * ({@code wallclock/nanoseconds}). It shares the one-recording-at-a-time rule with
 * {@code /debug/pprof/profile}: while one runs, the other answers Go's 500 "cpu profiling already in use".
 */
final class FgprofEndpoint {
    static final String PATH = "/debug/fgprof";

    private final CpuEndpoint cpu;
    private final FrameAddresses addresses;

    FgprofEndpoint(CpuEndpoint cpu, FrameAddresses addresses) {
        this.cpu = cpu;
        this.addresses = addresses;
    }

    void serve(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException {
        if (!request.exchange().getRequestURI().getPath().equals(PATH)) {
            throw new HttpError(404, "404 page not found");
        }
        int seconds = request.seconds(CpuEndpoint.DEFAULT_SECONDS);
        if (request.has("format") && !"pprof".equals(request.param("format"))) {
            throw HttpError.badRequest("format=" + request.param("format") + " is not served; pprof4j's fgprof"
                    + " answers format=pprof only (use pprof4j -traces or -flame on it for the other views)");
        }
        if (!cpu.engine().offers("wall")) {
            throw HttpError.unavailable("wall-clock profiling needs async-profiler, which the "
                    + cpu.engine().name() + " engine in use is not");
        }
        Profile wall = cpu.record(seconds, "wall");
        wall.periodType = new ValueType("wallclock", "nanoseconds");
        for (int i = 0; i < wall.sampleTypes.size(); i++) {
            if (wall.sampleTypes.get(i).type().equals("wall")) {
                wall.sampleTypes.set(i, new ValueType("time", "nanoseconds"));
            }
        }
        if (wall.defaultSampleType.equals("wall")) {
            wall.defaultSampleType = "time";
        }
        request.sendAttachment("fgprof", ProfileEncoder.toGzipBytes(addresses.assign(wall)));
    }
}
