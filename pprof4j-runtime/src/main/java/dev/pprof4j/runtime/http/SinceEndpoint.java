package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.protocol.GoDurations;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.build.ProfileDelta;
import dev.pprof4j.runtime.collect.history.HistoryProfiles;
import dev.pprof4j.runtime.collect.history.HistoryRangeException;
import dev.pprof4j.runtime.collect.history.HistorySnapshot;
import dev.pprof4j.runtime.collect.history.HistoryText;
import dev.pprof4j.runtime.collect.history.SnapshotHistory;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ?since=<Go duration>} on heap, allocs, goroutine and threadcreate: now minus the
 * history's snapshot nearest that age, what {@code -base} with an h1 taken then would show;
 * and {@code /debug/pprof/history?since=D}, the window's snapshots for the leak hunt.
 */
final class SinceEndpoint {
    private final CollectorSet collectors;

    SinceEndpoint(CollectorSet collectors) {
        this.collectors = collectors;
    }

    void serve(NamedProfile profile, PprofRequest request) throws IOException, HttpError,
            CollectorUnavailableException {
        if (request.has("seconds")) {
            throw HttpError.badRequest("since and seconds params are incompatible");
        }
        if (request.debug() != 0) {
            throw HttpError.badRequest("since and debug params are incompatible");
        }
        String name = profile.name();
        if (!List.of("heap", "allocs", "goroutine", "threadcreate").contains(name)) {
            throw HttpError.badRequest("since= is served for heap, allocs, goroutine and threadcreate, not " + name);
        }
        Duration age = age(request);
        HistorySnapshot then = nearest(age);
        Profile base = switch (name) {
            case "goroutine" -> HistoryProfiles.goroutine(then);
            case "threadcreate" -> HistoryProfiles.threadCreate(then);
            default -> {
                if (!then.hasHeapSites()) {
                    throw new CollectorUnavailableException("the history has no heap samples: "
                            + collectors.heapSamplerUnavailableReason());
                }
                yield HistoryProfiles.heap(then, name.equals("heap") ? "inuse_space" : "alloc_space");
            }
        };
        if (name.equals("heap") && request.gc() > 0) {
            request.collectGarbage();
        }
        Profile now = profile.collect().collect(request);
        Profile delta = ProfileDelta.between(base, now);
        delta.comments.add("since=" + request.param("since") + ": now minus the pprof4j history snapshot of "
                + Instant.ofEpochMilli(then.timeMillis()) + " ("
                + GoDurations.format(Duration.ofMillis(then.ageNanos(System.nanoTime()) / 1_000_000)) + " ago)");
        request.sendAttachment(name + "-since", ProfileEncoder.toGzipBytes(collectors.frameAddresses().assign(delta)));
    }

    /** The window's snapshots as {@link HistoryText}; without {@code since}, all of them. */
    void serveHistory(PprofRequest request) throws IOException, HttpError {
        SnapshotHistory history = history();
        List<HistorySnapshot> snapshots;
        if (request.has("since")) {
            try {
                snapshots = history.window(age(request));
            } catch (HistoryRangeException e) {
                throw HttpError.badRequest(e.getMessage());
            }
        } else {
            snapshots = history.snapshots();
        }
        StringWriter out = new StringWriter();
        HistoryText.write(snapshots, history.settings(), out);
        request.sendText(200, "text/plain; charset=utf-8", out.toString());
    }

    private HistorySnapshot nearest(Duration age) throws HttpError {
        try {
            return history().nearest(age);
        } catch (HistoryRangeException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private SnapshotHistory history() throws HttpError {
        return collectors.history().orElseThrow(() -> HttpError.badRequest(collectors.historyUnavailableReason()));
    }

    private static Duration age(PprofRequest request) throws HttpError {
        String text = request.param("since");
        Duration age;
        try {
            age = GoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("invalid value for \"since\": " + e.getMessage());
        }
        if (age.isZero() || age.isNegative()) {
            throw HttpError.badRequest("invalid value for \"since\": " + text + " - must be a positive duration,"
                    + " e.g. 90s, 10m, 1h");
        }
        return age;
    }
}
