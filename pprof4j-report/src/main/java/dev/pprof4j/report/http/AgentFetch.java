package dev.pprof4j.report.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A bounded GET of an answer from an agent ({@code /debug/vars}, a history, a class histogram,
 * retainers, the leak hunt's snapshots): the token as a header, a connect and a request timeout,
 * a body read up to a limit, and a failure as one line ({@link FetchFailure}). {@link #get} waits
 * for its answer; {@link #send} sends without waiting, so that requests the agent computes at
 * once (a thread dump and a class histogram) run side by side, and {@link Pending#await} reads
 * the answer later with the same limit and messages.
 *
 * <p>Asking again is the caller's decision, taken on an {@link Answer}: {@link Pending#again}
 * sends the same request anew. The leak hunt asks once more, alone, when a parallel request met
 * an agent's {@code maxrequests} (503: {@link Pending#awaitAskingAgainAloneOn503}). An agent whose
 * stop-the-world budget is spent answers 429 with "retry in N s" in its first line and may carry
 * a {@code Retry-After} header ({@link Answer#headers}); whether to wait is the hunt's policy, not
 * the fetch's. Streams that show progress while they wait (a CPU profile) use {@link AgentAuth}
 * and {@link FetchFailure} directly.
 */
public final class AgentFetch {
    /** How long a TCP connect (and a TLS handshake) may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private AgentFetch() {
    }

    /** An answer: its status, its headers and its body, whole or cut at the limit ({@link #truncated}). */
    public record Answer(int status, HttpHeaders headers, byte[] body, boolean truncated) {
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
        return new Pending(client(), uri, auth, timeout, uri).await(maxBytes);
    }

    /**
     * Sends a GET of {@code path} on the agent at {@code agent} and returns at once; a failure is
     * named by {@code agent}, the address the user gave.
     *
     * @param client one client for all of a caller's requests, so they share its connections
     */
    public static Pending send(HttpClient client, URI agent, String path, AgentAuth auth, Duration timeout) {
        return new Pending(client, agent.resolve(path), auth, timeout, agent);
    }

    /** A GET on its way ({@link #send}): read its answer with {@link #await}. */
    public static final class Pending {
        private final HttpClient client;
        private final URI uri;
        private final AgentAuth auth;
        private final Duration timeout;
        private final URI named;
        private final CompletableFuture<HttpResponse<InputStream>> response;

        private Pending(HttpClient client, URI uri, AgentAuth auth, Duration timeout, URI named) {
            this.client = client;
            this.uri = uri;
            this.auth = auth;
            this.timeout = timeout;
            this.named = named;
            this.response = client.sendAsync(auth.request(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }

        /** The URL asked, token not included. */
        public URI uri() {
            return uri;
        }

        /** The same request, sent anew. */
        public Pending again() {
            return new Pending(client, uri, auth, timeout, named);
        }

        /**
         * Waits for the answer and reads at most {@code maxBytes} of its body.
         *
         * @throws IOException with a one-line reason when no answer came (refused, unknown host,
         *     TLS to a plain server, timeout)
         */
        public Answer await(long maxBytes) throws IOException {
            HttpResponse<InputStream> answer;
            try {
                answer = response.get();
            } catch (ExecutionException e) {
                Throwable failure = e.getCause();
                while (failure instanceof CompletionException && failure.getCause() != null) {
                    failure = failure.getCause();
                }
                throw FetchFailure.exception(named, failure, timeout);
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted fetching " + AgentAuth.redact(uri.toString()), e);
            }
            try (InputStream in = answer.body()) {
                int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
                byte[] body = in.readNBytes(limit);
                boolean more = body.length == limit && in.read() >= 0;
                return new Answer(answer.statusCode(), answer.headers(), body, more);
            }
        }

        /**
         * {@link #await}, and when the agent answered 503, once more alone: an agent with a small
         * {@code maxrequests} refuses the requests beyond it that were sent side by side.
         */
        public Answer awaitAskingAgainAloneOn503(long maxBytes) throws IOException {
            Answer answer = await(maxBytes);
            return answer.status() == 503 ? again().await(maxBytes) : answer;
        }
    }
}
