package dev.pprof4j.runtime.http;

import dev.pprof4j.runtime.collect.BoundedPattern;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.heap.JvmtiHeapEngine;
import dev.pprof4j.runtime.collect.heap.Retainers;
import java.io.IOException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code /debug/pprof/heap/retainers?class=NAME} (a class as the profiles name it: a generated
 * class's stable name, e.g. {@code a.Main$$Lambda}, takes every loaded class of that name) or {@code ?site=RE}, with optional
 * {@code max_objects=N}, {@code max_ms=N}, {@code paths=N}: who holds the live objects of a
 * class, or the live sampled objects of the allocation sites that have a frame matching RE —
 * reference chains from GC roots, grouped, largest first (plain text). Not in Go (its heap
 * profile stops at the allocation site); the walk stops the world, so it runs only on request
 * and is bounded by objects reached, time and rows.
 */
final class RetainersEndpoint {
    private final CollectorSet collectors;

    RetainersEndpoint(CollectorSet collectors) {
        this.collectors = collectors;
    }

    void serve(PprofRequest request) throws IOException, HttpError {
        String className = request.param("class");
        String site = request.param("site");
        boolean hasClass = className != null && !className.isBlank();
        boolean hasSite = site != null && !site.isBlank();
        if (hasClass == hasSite) {
            throw HttpError.badRequest("give one of class= or site=, e.g. ?class=byte[] or ?site=LeakyCache.fill");
        }
        int maxObjects = request.intParam("max_objects", Retainers.DEFAULT_MAX_OBJECTS, 1_000, 50_000_000);
        int paths = request.intParam("paths", Retainers.DEFAULT_MAX_PATHS, 1, 1_000);
        // The walk stops the world: never longer than the agent's stop-the-world budget has left.
        long leftMillis = Math.min(request.stopTheWorldNanos() / 1_000_000, 60_000);
        int asked = request.intParam("max_ms", (int) Math.min(Retainers.DEFAULT_MAX_TIME.toMillis(), leftMillis),
                100, 60_000);
        Duration maxTime = Duration.ofMillis(Math.max(1, Math.min(asked, leftMillis)));
        try {
            request.stopsOnlyWhereTimed();
            Retainers.Report report;
            if (hasClass) {
                // the name is resolved to loaded classes first (a stable name may stand for many); only the walk stops the world
                String[] classes = Retainers.classesNamed(className);
                report = request.stopTheWorld(() -> Retainers.walkClasses(className, classes, maxObjects, paths, maxTime));
            } else {
                // the site regex is matched first, under its own deadline; only the walk stops the world
                Pattern pattern = sitePattern(site);
                int[] sites = Retainers.sitesMatching(sampler(),
                        new BoundedPattern(pattern, Retainers.MAX_MATCH_TIME, request.clientGone()));
                report = request.stopTheWorld(() -> Retainers.walkSites(sites, pattern, maxObjects, paths, maxTime));
            }
            request.sendText(200, "text/plain; charset=utf-8", report.text());
        } catch (NoSuchElementException e) {
            throw new HttpError(404, e.getMessage());
        } catch (BoundedPattern.TimeoutException e) {
            throw HttpError.badRequest("site=: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpError(501, e.getMessage());
        }
    }

    private dev.pprof4j.runtime.collect.heap.HeapSampler sampler() throws HttpError {
        if (collectors.heapSampler().orElse(null) instanceof JvmtiHeapEngine engine) {
            return engine.sampler();
        }
        String why = collectors.heapSamplerUnavailableReason();
        throw new HttpError(501, "retainers by site need the native heap sampler, which is not running"
                + (why == null ? "" : ": " + why));
    }

    private static Pattern sitePattern(String regex) throws HttpError {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw HttpError.badRequest("site= is not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }
}
