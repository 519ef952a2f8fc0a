package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.build.ProfileDelta;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/** Go's {@code handler.ServeHTTP} and {@code serveDeltaProfile}, for one {@link NamedProfile}. */
final class ProfileEndpoint {
    private final Semaphore timedRequests;
    private final SinceEndpoint since;
    private final FrameAddresses addresses;

    /**
     * @param timedRequests bounds how many requests may sleep for a delta at once
     * @param since serves {@code since=} deltas against the agent's history
     * @param addresses the process's frame addresses, given to every profile served
     */
    ProfileEndpoint(Semaphore timedRequests, SinceEndpoint since, FrameAddresses addresses) {
        this.timedRequests = timedRequests;
        this.since = since;
        this.addresses = addresses;
    }

    void serve(NamedProfile profile, PprofRequest request) throws IOException, HttpError,
            CollectorUnavailableException {
        if (request.has("since")) {
            since.serve(profile, request);
            return;
        }
        if (request.has("seconds")) {
            serveDelta(profile, request);
            return;
        }
        if (profile.name().equals("heap") && request.gc() > 0) {
            request.collectGarbage();
        }
        int debug = request.debug();
        if (debug != 0 && profile.text() instanceof NamedProfile.StreamedText streamed) {
            streamed.serve(request, debug);
            return;
        }
        if (debug != 0) {
            request.sendText(200, "text/plain; charset=utf-8", profile.text().text(request, debug));
            return;
        }
        Profile collected = profile.collect().collect(request);
        request.sendAttachment(profile.name(), ProfileEncoder.toGzipBytes(addresses.assign(collected)));
    }

    private void serveDelta(NamedProfile profile, PprofRequest request) throws IOException, HttpError,
            CollectorUnavailableException {
        String text = request.param("seconds");
        int seconds;
        try {
            seconds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds <= 0) {
            throw HttpError.badRequest("invalid value for \"seconds\" - must be a positive integer");
        }
        seconds = request.seconds(0); // enforces the agent's maximum with its own message
        if (request.debug() != 0) {
            throw HttpError.badRequest("seconds and debug params are incompatible");
        }
        if (!timedRequests.tryAcquire()) {
            throw HttpError.unavailable("too many timed profile requests in progress; retry when one finishes");
        }
        try {
            Profile before = profile.collect().collect(request);
            sleep(seconds);
            Profile after = profile.collect().collect(request);
            Profile delta = ProfileDelta.between(before, after);
            request.sendAttachment(profile.name() + "-delta", ProfileEncoder.toGzipBytes(addresses.assign(delta)));
        } finally {
            timedRequests.release();
        }
    }

    static void sleep(int seconds) throws HttpError {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(500, "interrupted while profiling: pprof4j is stopping");
        }
    }
}
