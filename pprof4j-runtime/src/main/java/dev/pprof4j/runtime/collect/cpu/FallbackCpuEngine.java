package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;

/**
 * A preferred CPU engine with a fallback, decided per request: async-profiler before JDK 25
 * with JFR behind it, JFR from 25 on with async-profiler behind it (and for the wall-clock
 * mode, which JFR does not offer). Deciding per request matters because the preferred engine
 * can go away — an application that loads its own async-profiler after pprof4j started turns
 * ours off — and then the fallback serves and its profile's comment says why.
 */
public final class FallbackCpuEngine implements CpuEngine {
    private final CpuEngine preferred;
    private final CpuEngine fallback;

    public FallbackCpuEngine(CpuEngine preferred, CpuEngine fallback) {
        this.preferred = preferred;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return preferred.unavailableReason() == null ? preferred.name() : fallback.name();
    }

    @Override
    public String unavailableReason() {
        String first = preferred.unavailableReason();
        if (first == null) {
            return null;
        }
        String second = fallback.unavailableReason();
        return second == null ? null : preferred.name() + ": " + first + "; " + fallback.name() + ": " + second;
    }

    @Override
    public void preload() {
        preferred.preload();
    }

    @Override
    public boolean offers(String mode) {
        return (preferred.offers(mode) && preferred.unavailableReason() == null) || fallback.offers(mode);
    }

    @Override
    public String description(String mode) {
        if (preferred.offers(mode)) {
            String reason = preferred.unavailableReason();
            if (reason == null) {
                return preferred.description(mode);
            }
            return fallback.description(mode) + "; fallback, because " + reason;
        }
        return fallback.description(mode);
    }

    @Override
    public CpuRecording start(CpuRequest request) throws CollectorUnavailableException {
        String why;
        if (preferred.offers(request.mode())) {
            try {
                return preferred.start(request);
            } catch (CollectorUnavailableException e) {
                why = preferred.name() + " unavailable: " + e.getMessage();
            }
        } else {
            why = preferred.name() + " does not offer mode=" + request.mode();
        }
        if (!fallback.offers(request.mode())) {
            throw new CollectorUnavailableException(why);
        }
        return withComment(fallback.start(request), "fallback: " + why);
    }

    /** The recording, its slices' profiles carrying {@code comment} too. */
    private static CpuRecording withComment(CpuRecording recording, String comment) {
        return new CpuRecording() {
            @Override
            public CpuRecording split() throws CollectorUnavailableException {
                CpuRecording slice = recording.split();
                return slice == null ? null : withComment(slice, comment);
            }

            @Override
            public void stopSampling() {
                recording.stopSampling();
            }

            @Override
            public Profile stop() throws CollectorUnavailableException {
                Profile profile = recording.stop();
                profile.comments.add(comment);
                return profile;
            }

            @Override
            public void close() {
                recording.close();
            }
        };
    }
}
