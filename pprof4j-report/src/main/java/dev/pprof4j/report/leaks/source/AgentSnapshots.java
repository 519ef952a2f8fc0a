package dev.pprof4j.report.leaks.source;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.AgentBusy;
import dev.pprof4j.report.http.AgentFetch;
import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.RetainerSource;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.SnapshotSource;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.parse.ClassHistogramParser;
import dev.pprof4j.report.leaks.parse.RetainersParser;
import dev.pprof4j.report.leaks.parse.ThreadDumpParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
 * Who holds a class's objects comes from {@code heap/retainers?class=NAME}, asked separately
 * ({@link RetainerSource}) since each answer walks the heap.
 * An endpoint that answers 404 or 503, or a text without the part sought, leaves its
 * measure out with a note; a refused connection or a timeout is an {@link IOException},
 * since nothing can be measured then.
 */
public final class AgentSnapshots implements SnapshotSource, RetainerSource {
    private static final long MAX_BODY = 512L << 20;
    /** Retainers' rows: {@link #RETAINER_PATHS} chains and a heading. */
    private static final long MAX_RETAINERS_BODY = 4L << 20;
    /** The prefix of the names the agent gives its own threads. */
    static final String AGENT_THREADS = "pprof4j-";

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final AgentAuth auth;
    private final Clock clock;

    /** @param base the agent's address, e.g. {@code http://127.0.0.1:6060} */
    public AgentSnapshots(URI base, Duration timeout) {
        this(base, timeout, AgentAuth.NONE);
    }

    /** Snapshots from an agent that wants the token {@code auth} carries. */
    public AgentSnapshots(URI base, Duration timeout, AgentAuth auth) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        this.http = AgentFetch.client();
        this.auth = auth;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Snapshot take() throws IOException {
        Snapshot.Builder b = Snapshot.at(clock.instant());
        // The thread dump and the class histogram are computed by the agent at once: a snapshot
        // costs the slower of them, not their sum (a dump of thousands of threads takes seconds).
        AgentFetch.Pending dump = send("debug/pprof/goroutine?debug=2");
        // A class histogram runs its own full GC, so what it counts is live.
        AgentFetch.Pending histogram = send("debug/pprof/heap?debug=1");
        byte[] classes = read(histogram, b, Measure.HEAP_BY_CLASS);
        boolean collected = classes != null
                && ClassHistogramParser.parse(new String(classes, StandardCharsets.UTF_8), b::heapClass) > 0;
        if (classes != null && !collected) {
            b.note("heap by class: the agent's heap?debug=1 has no class histogram");
        }
        // The heap profile after the histogram's collection needs no gc=1 of its own: one full GC
        // a round, not two, out of the agent's stop-the-world budget (5 % of wall time), which
        // the hunt's own rounds otherwise spent on a loaded host and then met 429. Go's
        // net/http/pprof has no histogram, so it is asked to collect.
        AgentFetch.Pending heap = send(collected ? "debug/pprof/heap" : "debug/pprof/heap?gc=1");
        byte[] threads = read(dump, b, Measure.THREADS);
        if (threads != null) {
            String text = new String(threads, StandardCharsets.UTF_8);
            // A process always has a thread: a 200 without one is some other server's page.
            if (text.startsWith("goroutine ") || text.contains("\ngoroutine ")) {
                b.measured(Measure.THREADS);
            } else {
                b.note("threads: goroutine?debug=2 answered with no goroutine dump");
            }
            ThreadDumpParser.parse(text, (name, stack, createdBy) -> {
                if (!servesTheHunt(name, stack)) {
                    b.thread(stack, createdBy, 1);
                }
            });
        }
        byte[] profile = read(heap, b, Measure.LIVE_HEAP_BY_SITE);
        if (profile != null) {
            try {
                liveHeap(new ProfileDecoder().decode(profile), b);
            } catch (IOException e) {
                b.note("live heap by site: heap answered with no pprof profile (" + e.getMessage() + ")");
            }
        }
        Snapshot snapshot = b.build();
        if (snapshot.available().isEmpty()) {
            // A hunt that measured nothing must not pass as "no leak".
            throw new IOException("nothing at " + base + " answered like a pprof4j agent or Go's net/http/pprof"
                    + " (" + String.join("; ", snapshot.notes()) + "); is that the agent's port?");
        }
        return snapshot;
    }

    /**
     * Threads that exist because the hunt is asking: the agent's own request pool, and in a Go
     * service the goroutines serving the hunt's requests (a {@code net/http/pprof} handler, and
     * the read loop Go starts on a connection while one of its requests is served). Their
     * number follows how the hunt's parallel requests happen to overlap the dump (1 to 3 seen
     * under load), which a trend would otherwise read as a leak.
     */
    static boolean servesTheHunt(String name, Stack stack) {
        if (name.startsWith(AGENT_THREADS)) {
            return true;
        }
        return stack.mentions("net/http/pprof.") || stack.mentions("net/http.(*connReader).backgroundRead");
    }

    /** Chain shapes asked for: enough that a leak's own chain is among them next to the JDK's. */
    static final int RETAINER_PATHS = 50;

    @Override
    public Retainers retainers(String className, Duration timeout) throws IOException {
        return retainers("class=" + URLEncoder.encode(className, StandardCharsets.UTF_8), className, timeout, false);
    }

    @Override
    public Retainers retainersOfSite(String siteRegex, String className, Duration timeout) throws IOException {
        return retainers("site=" + URLEncoder.encode(siteRegex, StandardCharsets.UTF_8), className, timeout, true);
    }

    private Retainers retainers(String query, String className, Duration timeout, boolean bySite) throws IOException {
        // max_ms: the agent's own bound on how long the world stays stopped, within our timeout.
        long maxMillis = Math.max(100, Math.min(60_000, timeout.toMillis() - 1_000));
        String path = "debug/pprof/heap/retainers?" + query + "&paths=" + RETAINER_PATHS + "&max_ms=" + maxMillis;
        AgentFetch.Answer answer;
        try {
            answer = AgentFetch.send(http, base, path, auth, timeout).await(MAX_RETAINERS_BODY);
        } catch (IOException e) {
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                throw new IOException("the heap walk for " + className + " took longer than " + timeout.toSeconds() + "s",
                        e.getCause());
            }
            throw e;
        }
        String text = answer.text();
        if (answer.status() != 200) {
            String why = answer.firstLine();
            throw new IOException("/debug/pprof/heap/retainers answered " + answer.status()
                    + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        RetainerSource.Retainers parsed = RetainersParser.parse(className, text);
        if (!bySite) {
            return parsed;
        }
        List<ReferenceChain> estimated = new ArrayList<>();
        for (ReferenceChain c : parsed.paths()) {
            estimated.add(new ReferenceChain(c.target(), c.allocatedAt(), c.path(), 0, c.bytes(), true));
        }
        return new RetainerSource.Retainers(className, parsed.partial(), estimated);
    }

    /**
     * In-use heap by allocation site from the heap profile's {@code inuse_space} and
     * {@code inuse_objects}; a profile without them, or with nothing in use, has no live-heap
     * sampler behind it, and says why in its comments.
     */
    static void liveHeap(Profile profile, Snapshot.Builder b) {
        // a legacy heap profile without allocation counts names its in-use values space/objects
        boolean legacy = profile.sampleIndexOf("inuse_space") < 0;
        int space = profile.sampleIndexOf(legacy ? "space" : "inuse_space");
        int objects = profile.sampleIndexOf(legacy ? "objects" : "inuse_objects");
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
        // Measured even when every sample is the agent's own (an idle application).
        b.measured(Measure.LIVE_HEAP_BY_SITE);
        b.heapSamplingPeriod(profile.period);
        int allocSpace = profile.sampleIndexOf("alloc_space");
        for (Sample sample : profile.samples) {
            if ((sample.values[space] == 0 && allocSpace < 0) || agentOwn(sample)) {
                continue;
            }
            List<Frame> frames = new ArrayList<>();
            for (Location location : sample.locations) {
                for (Line line : location.lines) {
                    String file = line.function().filename;
                    frames.add(new Frame(line.function().name, file.substring(file.lastIndexOf('/') + 1), line.line()));
                }
            }
            if (allocSpace >= 0) {
                b.allocated(new Stack(frames), sample.values[allocSpace]);
            }
            if (sample.values[space] == 0) {
                continue;
            }
            Usage usage = new Usage(objects >= 0 ? sample.values[objects] : 0, sample.values[space]);
            List<String> allocated = sample.labels.getOrDefault("object", List.of());
            if (allocated.isEmpty()) {
                b.liveHeap(new Stack(frames), usage);
            } else {
                b.liveHeap(new Stack(frames), allocated.get(0), usage);
            }
        }
    }

    /** The agent's own memory (its tables, its answers to us) is not the application's leak. */
    private static boolean agentOwn(Sample sample) {
        for (Location location : sample.locations) {
            for (Line line : location.lines) {
                if (line.function().name.startsWith("dev.pprof4j.runtime.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private AgentFetch.Pending send(String path) {
        return AgentFetch.send(http, base, path, auth, timeout);
    }

    /** The body of an answer, or null (with a note) when the agent does not serve that endpoint. */
    private byte[] read(AgentFetch.Pending pending, Snapshot.Builder b, Measure measure) throws IOException {
        // An agent with a small maxrequests refuses the third of our parallel requests: ask again alone.
        AgentFetch.Answer answer = pending.awaitAskingAgainAloneOn503(MAX_BODY);
        if (answer.status() == 200) {
            return answer.body();
        }
        String path = pending.uri().getRawPath() + "?" + pending.uri().getRawQuery();
        String why = answer.firstLine();
        if (answer.status() == 404 || answer.status() == 503 || answer.status() == 501) {
            b.note(measure.label() + ": " + path + " answered " + answer.status() + (why.isEmpty() ? "" : " (" + why + ")"));
            return null;
        }
        String url = AgentAuth.redact(base.resolve(path.substring(1)).toString());
        // A spent stop-the-world budget: the hunt may wait what the agent asks (BusyWait).
        throw AgentBusy.of(url, answer.status(), answer.headers().firstValue("Retry-After").orElse(null), why)
                .<IOException>map(busy -> busy)
                .orElseGet(() -> new IOException(url + " answered " + answer.status() + ": " + why));
    }
}
