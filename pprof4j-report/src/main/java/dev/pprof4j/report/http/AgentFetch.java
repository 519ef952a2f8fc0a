package dev.pprof4j.report.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One bounded GET of a small answer from an agent ({@code /debug/vars}, a history, a class
 * histogram, retainers): the token as a header, a connect and a request timeout, a body read up
 * to a limit, and a failure as one line ({@link FetchFailure}). Streams that show progress
 * while they wait (a CPU profile) and parallel snapshots use {@link AgentAuth} and
 * {@link FetchFailure} directly.
 */
public final class AgentFetch {
    /** How long a TCP connect (and a TLS handshake) may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private AgentFetch() {
    }

    /** An answer: its status and its body, whole or cut at the limit ({@link #truncated}). */
    public record Answer(int status, byte[] body, boolean truncated) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body's first line, for a one-line error. */
        public String firstLine() {
            return text().lines().findFirst().orElse("").strip();
        }
    }

    /** A client with the connect timeout; following no redirects, as the agent sends none. */
    public static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * GETs {@code uri} and reads at most {@code maxBytes} of the body.
     *
     * @throws IOException with a one-line reason when no answer came (refused, unknown host,
     *     TLS to a plain server, timeout)
     */
    public static Answer get(URI uri, AgentAuth auth, Duration timeout, long maxBytes) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client().send(auth.request(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + AgentAuth.redact(uri.toString()), e);
        } catch (IOException e) {
            throw FetchFailure.exception(uri, e, timeout);
        }
        try (InputStream in = response.body()) {
            int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
            byte[] body = in.readNBytes(limit);
            boolean more = body.length == limit && in.read() >= 0;
            return new Answer(response.statusCode(), body, more);
        }
    }
}
