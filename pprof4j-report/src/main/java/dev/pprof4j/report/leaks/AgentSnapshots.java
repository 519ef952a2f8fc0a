package dev.pprof4j.report.leaks;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots taken through a pprof4j agent's endpoints (Go's paths):
 * <ul>
 *   <li>threads and their creating stacks: {@code goroutine?debug=2};</li>
 *   <li>live heap by allocation site after a GC: {@code heap?gc=1} ({@code inuse_*} values);</li>
 *   <li>exact heap by class: the class histogram that {@code heap?debug=1} ends with.</li>
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
        byte[] heap = fetch("debug/pprof/heap?gc=1", b, Measure.LIVE_HEAP_BY_SITE);
        if (heap != null) {
            liveHeap(new ProfileDecoder().decode(heap), b);
        }
        // A class histogram runs its own full GC, so what it counts is live.
        byte[] histogram = fetch("debug/pprof/heap?debug=1", b, Measure.HEAP_BY_CLASS);
        if (histogram != null
                && ClassHistogramParser.parse(new String(histogram, StandardCharsets.UTF_8), b::heapClass) == 0) {
            b.note("heap by class: the agent's heap?debug=1 has no class histogram");
        }
        return b.build();
    }

    /**
     * In-use heap by allocation site from the heap profile's {@code inuse_space} and
     * {@code inuse_objects}; a profile without them, or with nothing in use, has no live-heap
     * sampler behind it, and says why in its comments.
     */
    private static void liveHeap(Profile profile, Snapshot.Builder b) {
        int space = profile.sampleIndexOf("inuse_space");
        int objects = profile.sampleIndexOf("inuse_objects");
        long total = 0;
        if (space >= 0) {
            for (Sample sample : profile.samples) {
                total += sample.values[space];
            }
        }
        if (total <= 0) {
            b.note("live heap by site: the agent's heap profile has no in-use values"
                    + (profile.comments.isEmpty() ? "" : " (" + String.join("; ", profile.comments) + ")"));
            return;
        }
        for (Sample sample : profile.samples) {
            if (sample.values[space] == 0) {
                continue;
            }
            List<Frame> frames = new ArrayList<>();
            for (Location location : sample.locations) {
                for (Line line : location.lines) {
                    String file = line.function().filename;
                    frames.add(new Frame(line.function().name, file.substring(file.lastIndexOf('/') + 1), line.line()));
                }
            }
            b.liveHeap(new Stack(frames), new Usage(objects >= 0 ? sample.values[objects] : 0, sample.values[space]));
        }
    }

    private String get(String path, Snapshot.Builder b, Measure measure) throws IOException {
        byte[] body = fetch(path, b, measure);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** The body of {@code path}, or null (with a note) when the agent does not serve it. */
    private byte[] fetch(String path, Snapshot.Builder b, Measure measure) throws IOException {
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
            if (response.statusCode() == 200) {
                return body;
            }
            String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
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
