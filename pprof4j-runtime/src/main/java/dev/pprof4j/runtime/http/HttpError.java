package dev.pprof4j.runtime.http;

/** A request that ends in an error status with a one-line reason (Go's {@code serveError}). */
final class HttpError extends Exception {
    final int status;

    HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    static HttpError unavailable(String reason) {
        return new HttpError(503, reason);
    }
}
