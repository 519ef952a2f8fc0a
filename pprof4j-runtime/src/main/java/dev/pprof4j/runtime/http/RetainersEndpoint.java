package dev.pprof4j.runtime.http;

import dev.pprof4j.runtime.collect.heap.Retainers;
import java.io.IOException;

/**
 * {@code /debug/pprof/heap/retainers?class=NAME[&max_objects=N][&paths=N]}: who holds the live
 * objects of a class — reference chains from GC roots, grouped, largest first (plain text).
 * Not in Go (its heap profile stops at the allocation site); the walk stops the world, so it
 * runs only on request and is bounded by {@code max_objects}.
 */
final class RetainersEndpoint {
    void serve(PprofRequest request) throws IOException, HttpError {
        String className = request.param("class");
        if (className == null || className.isBlank()) {
            throw HttpError.badRequest("missing class parameter, e.g. ?class=byte[] or ?class=com.example.Entry");
        }
        int maxObjects = request.intParam("max_objects", Retainers.DEFAULT_MAX_OBJECTS, 1_000, 50_000_000);
        int paths = request.intParam("paths", Retainers.DEFAULT_MAX_PATHS, 1, 1_000);
        try {
            request.sendText(200, "text/plain; charset=utf-8", Retainers.of(className, maxObjects, paths).text());
        } catch (IllegalStateException e) {
            throw new HttpError(501, e.getMessage());
        }
    }
}
