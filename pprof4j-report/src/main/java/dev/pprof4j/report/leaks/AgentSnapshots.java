package dev.pprof4j.report.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Snapshots taken through a pprof4j agent's endpoints (Go's paths):
 * <ul>
 *   <li>threads and their creating stacks: {@code goroutine?debug=2};</li>
 *   <li>live heap by allocation site and heap by class, after a full GC:
 *       {@code heap?debug=1&gc=1} (its records, and the class histogram it ends with).</li>
 * </ul>
 * An endpoint that answers 404 or 503, or a text without the part sought, leaves its
 * measure out with a note; a refused connection or a timeout is an {@link IOException},
 * since nothing can be measured then.
 */
public final class AgentSnapshots implements SnapshotSource {
    private static final long MAX_BODY = 512L << 20;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;

    /** @param base the agent's address, e.g. {@code http://127.0.0.1:6060} */
    public AgentSnapshots(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.clock = Clock.systemUTC();
    }

    @Override
    public Snapshot take() throws IOException {
        Snapshot.Builder b = Snapshot.at(clock.instant());
        String dump = get("debug/pprof/goroutine?debug=2", b, Measure.THREADS);
        if (dump != null) {
            b.measured(Measure.THREADS);
            ThreadDumpParser.parse(dump, (stack, createdBy) -> b.thread(stack, createdBy, 1));
        }
        String heap = get("debug/pprof/heap?debug=1&gc=1", b, Measure.HEAP_BY_CLASS);
        if (heap != null) {
            if (ClassHistogramParser.parse(heap, b::heapClass) == 0) {
                b.note("heap by class: the agent's heap?debug=1 has no class histogram");
            }
            // Records with nothing in use everywhere mean no live-heap sampler stood behind them.
            long[] inUse = new long[2];
            HeapTextParser.parse(heap, (stack, usage) -> {
                inUse[0] += usage.bytes();
                inUse[1]++;
            });
            if (inUse[0] > 0) {
                HeapTextParser.parse(heap, b::liveHeap);
            } else {
                b.note("live heap by site: the agent reports no in-use heap by allocation site"
                        + " (is its live-heap sampler loaded?)");
            }
        }
        return b.build();
    }

    /** The body of {@code path}, or null (with a note) when the agent does not serve it. */
    private String get(String path, Snapshot.Builder b, Measure measure) throws IOException {
        URI uri = base.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new IOException("cannot connect to the agent at " + base + ": is the process running with"
                    + " -javaagent (or attached) and is that its port?", e);
        } catch (HttpTimeoutException e) {
            throw new IOException(uri + ": no answer within " + timeout.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + uri, e);
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BODY));
            String text = new String(body, StandardCharsets.UTF_8);
            if (response.statusCode() == 200) {
                return text;
            }
            if (response.statusCode() == 404 || response.statusCode() == 503 || response.statusCode() == 501) {
                String why = text.lines().findFirst().orElse("").strip();
                b.note(measure.label() + ": " + path + " answered " + response.statusCode()
                        + (why.isEmpty() ? "" : " (" + why + ")"));
                return null;
            }
            throw new IOException(uri + " answered " + response.statusCode() + ": "
                    + text.lines().findFirst().orElse("").strip());
        }
    }
}
