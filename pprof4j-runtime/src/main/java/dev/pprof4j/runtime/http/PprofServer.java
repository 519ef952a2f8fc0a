package dev.pprof4j.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CollectorSet;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The {@code /debug/pprof} and {@code /debug/vars} endpoints on the JDK's own
 * {@link HttpServer} (no third-party jars in the host application), on named daemon threads,
 * with every request's cost bounded: at most {@code maxrequests} at once (more get 503 at
 * once), at most {@code maxseconds} of sampling each, one CPU profile and one trace at a time.
 */
public final class PprofServer implements Closeable {
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final AgentOptions options;
    private final Profiles profiles;
    private final ProfileEndpoint profileEndpoint;
    private final SinceEndpoint sinceEndpoint;
    private final CpuEndpoint cpuEndpoint;
    private final TraceEndpoint traceEndpoint = new TraceEndpoint();
    private final RetainersEndpoint retainersEndpoint;
    private final DeltaEndpoint deltaEndpoint;
    private final FgprofEndpoint fgprofEndpoint;
    private final CollectorSet collectors;
    private final Semaphore requests;
    private final byte[] token;
    private final SameOriginPolicy sameOrigin;
    private final MemoryBudget memory = new MemoryBudget();
    private final StopTheWorldBudget stopTheWorld;

    private PprofServer(AgentOptions options, CollectorSet collectors, HttpServer server, ThreadPoolExecutor executor) {
        this.sameOrigin = new SameOriginPolicy(options.host(), options.allowHosts());
        this.stopTheWorld = new StopTheWorldBudget(options.stopTheWorldShare());
        this.options = options;
        this.collectors = collectors;
        this.server = server;
        this.executor = executor;
        this.profiles = new Profiles(collectors);
        this.requests = new Semaphore(options.maxRequests());
        // Timed requests (deltas) hold a thread for seconds; leave room for quick ones.
        this.sinceEndpoint = new SinceEndpoint(collectors);
        this.profileEndpoint = new ProfileEndpoint(new Semaphore(Math.max(1, options.maxRequests() / 4)), sinceEndpoint,
                collectors.frameAddresses());
        this.cpuEndpoint = new CpuEndpoint(collectors.cpuWindows(), collectors.frameAddresses());
        this.retainersEndpoint = new RetainersEndpoint(collectors);
        this.deltaEndpoint = new DeltaEndpoint(profiles, collectors.frameAddresses(), System.currentTimeMillis()
                * 1_000_000L - (System.nanoTime() - collectors.startNanos()));
        this.fgprofEndpoint = new FgprofEndpoint(cpuEndpoint, collectors.frameAddresses());
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
    }

    /** Binds and starts serving; the bound address is {@link #address()} (port 0 picks a free port). */
    public static PprofServer start(AgentOptions options, CollectorSet collectors) throws IOException {
        return serve(bind(options), options, collectors);
    }

    /**
     * Binds the address only, before anything else starts: a start that fails on a busy port
     * leaves nothing behind (no JFR stream, no native sampler, no threads).
     */
    public static HttpServer bind(AgentOptions options) throws IOException {
        return HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    }

    /** Starts serving on a server {@link #bind bound} before; closes it when that fails. */
    public static PprofServer serve(HttpServer server, AgentOptions options, CollectorSet collectors) {
        try {
            // Two threads beyond maxrequests: with exactly maxrequests, a request over the limit
            // would wait in the queue for a slot instead of meeting the limit and its 503 at once.
            RequestThreads executor = new RequestThreads(options.maxRequests() + 2, "pprof4j-http-");
            PprofServer pprof = new PprofServer(options, collectors, server, executor);
            server.setExecutor(executor);
            server.createContext("/debug/pprof", pprof::handlePprof);
            server.createContext("/debug/vars", pprof::handleVars);
            server.createContext(FgprofEndpoint.PATH, exchange -> pprof.serve(exchange, pprof.fgprofEndpoint::serve));
            server.start();
            return pprof;
        } catch (RuntimeException | Error e) {
            server.stop(0);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handlePprof(HttpExchange exchange) {
        serve(exchange, request -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/debug/pprof")) {
                // Go's ServeMux redirects a subtree's root without its slash
                exchange.getResponseHeaders().set("Location", "/debug/pprof/");
                request.sendText(301, "text/html; charset=utf-8", "<a href=\"/debug/pprof/\">Moved Permanently</a>.\n");
                return;
            }
            if (!path.startsWith("/debug/pprof/")) {
                throw new HttpError(404, "404 page not found");
            }
            String name = path.substring("/debug/pprof/".length());
            switch (name) {
                case "" -> request.sendText(200, "text/html; charset=utf-8", IndexPage.html(indexEntries()));
                case "cmdline" -> request.sendText(200, "text/plain; charset=utf-8",
                        options.masked(String.join("\0", CommandLine.arguments())));
                // Go's handler says 1 ("pprof only cares whether this number is 0 or > 0") and
                // resolves program counters; Java profiles carry their function names and have
                // no counters to resolve, so 0 tells pprof there is nothing to ask for.
                case "symbol" -> request.sendText(200, "text/plain; charset=utf-8", "num_symbols: 0\n");
                case "profile" -> cpuEndpoint.serve(request);
                case "trace" -> traceEndpoint.serve(request);
                case "heap/retainers" -> retainersEndpoint.serve(request);
                case "history" -> sinceEndpoint.serveHistory(request);
                case "delta_heap", "delta_block", "delta_mutex" -> deltaEndpoint.serve(name, request);
                default -> {
                    NamedProfile profile = profiles.get(name);
                    if (profile == null) {
                        throw new HttpError(404, "Unknown profile");
                    }
                    profileEndpoint.serve(profile, request);
                }
            }
        });
    }

    private void handleVars(HttpExchange exchange) {
        serve(exchange, request -> {
            if (!exchange.getRequestURI().getPath().equals("/debug/vars")) {
                throw new HttpError(404, "404 page not found");
            }
            request.sendText(200, "application/json; charset=utf-8", VarsPage.json(collectors, options::masked));
        });
    }

    private List<IndexPage.Entry> indexEntries() {
        List<IndexPage.Entry> entries = new ArrayList<>();
        for (NamedProfile profile : profiles.all()) {
            entries.add(new IndexPage.Entry(profile.name(), profile.description(), profile.count().count(),
                    profiles.engine(profile.name())));
        }
        entries.add(new IndexPage.Entry("cmdline", "The command line invocation of the current program", -1, ""));
        entries.add(new IndexPage.Entry("profile", "CPU profile. You can specify the duration in the seconds GET"
                + " parameter. After you get the profile file, use the go tool pprof command to investigate the"
                + " profile.", -1, profiles.engine("profile")));
        entries.add(new IndexPage.Entry("heap/retainers?class=byte[]", "Who holds the live objects of a class"
                + " (class=NAME) or of the allocation sites with a frame matching a regex (site=RE): reference"
                + " chains from GC roots, grouped, largest first (a bounded heap walk that stops the world;"
                + " max_objects=N, max_ms=N and paths=N bound it).", -1, "jvmti FollowReferences"));
        entries.add(new IndexPage.Entry("history?since=10m", "The agent's own snapshots of the last 10 minutes"
                + " (history=1m, historysize=60), for pprof4j leaks --since. heap, allocs, goroutine and threadcreate"
                + " take since=10m too: now minus the snapshot of 10 minutes ago, like -base.", -1, "pprof4j history"));
        entries.addAll(DeltaEndpoint.indexEntries(profiles));
        entries.add(new IndexPage.Entry("../fgprof", "Wall-clock profile of every thread, running or waiting"
                + " (/debug/fgprof?seconds=N), in fgprof's format (samples/count, time/nanoseconds): Grafana"
                + " Alloy's fgprof target.",
                -1, collectors.cpu().offers("wall") ? collectors.cpu().description("wall") : "needs async-profiler"));
        entries.add(new IndexPage.Entry("trace", "A JFR recording of the current program. You can specify the"
                + " duration in the seconds GET parameter. Open it in JDK Mission Control or with jfr print.", -1,
                profiles.engine("trace")));
        return entries;
    }

    private interface Action {
        void run(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException;
    }

    /**
     * Every route's one path: refuses cross-site and foreign-Host requests, authenticates,
     * bounds concurrency and memory, and turns every failure into a one-line answer. New
     * endpoints get all of it by being served from here.
     */
    private void serve(HttpExchange exchange, Action action) {
        RequestThreads.Worker worker = RequestThreads.current();
        if (worker != null) {
            worker.serving();
        }
        // One request per connection: no idle keep-alive connections to hold the host's descriptors.
        exchange.getResponseHeaders().set("Connection", "close");
        PprofRequest request = new PprofRequest(exchange, options.maxSeconds(), memory);
        boolean acquired = false;
        try {
            sameOrigin.check(exchange.getRequestHeaders());
            if (!authorized(exchange, request)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pprof4j\"");
                throw new HttpError(401, "missing or wrong token: send 'Authorization: Bearer <token>' or ?token=<token>");
            }
            acquired = requests.tryAcquire();
            if (!acquired) {
                throw HttpError.unavailable("too many concurrent requests (at most " + options.maxRequests()
                        + "); retry shortly");
            }
            request.reserve(MemoryBudget.BASE_BYTES, "a request");
            String stops = stopsTheWorld(exchange.getRequestURI().getPath(), request);
            if (stops == null) {
                action.run(request);
            } else {
                request.stopTheWorldNanos(stopTheWorld.admit(stops));
                long start = System.nanoTime();
                try {
                    action.run(request);
                } finally {
                    // What the endpoint timed as stopping work, else (an endpoint that does not
                    // say) all its time but waiting for the client to read.
                    long stopped = request.stoppedNanos();
                    stopTheWorld.charge(stopped >= 0 ? stopped : System.nanoTime() - start - request.writeNanos());
                }
            }
        } catch (HttpError e) {
            answer(request, e.status, e.getMessage());
        } catch (CollectorUnavailableException e) {
            answer(request, 503, e.getMessage());
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            answer(request, 500, "pprof4j failed: " + e);
        } finally {
            request.releaseMemory();
            if (acquired) {
                requests.release();
            }
            closeWatched(exchange, worker);
        }
    }

    /**
     * Closes the exchange, which writes the body's end (a chunked body's last chunk) and closes
     * the connection, or closes it at once when the client is gone. Watched as a write: a client
     * that stopped reading cannot hold the thread here either.
     */
    private static void closeWatched(HttpExchange exchange, RequestThreads.Worker worker) {
        if (worker != null) {
            worker.enter(RequestThreads.Phase.WRITING);
        }
        try {
            exchange.close();
        } finally {
            if (worker != null) {
                worker.enter(RequestThreads.Phase.SERVING);
            }
        }
    }

    /**
     * What in this request stops the application, by its parameters, whatever the route (an
     * endpoint added later with {@code gc=1} is covered too); null when nothing does.
     */
    static String stopsTheWorld(String path, PprofRequest request) {
        if ("1".equals(request.param("gc"))) {
            return "gc=1 (a full collection)";
        }
        String name = path.startsWith("/debug/pprof/") ? path.substring("/debug/pprof/".length()) : "";
        String debug = request.param("debug");
        boolean text = debug != null && !debug.isBlank() && !debug.trim().equals("0");
        if ((name.equals("heap") || name.equals("allocs")) && text) {
            return "heap?debug=1 (a class histogram, which collects first)";
        }
        if (name.equals("goroutine") && text && !debug.trim().equals("1")) {
            return "goroutine?debug=2 (every thread in one safepoint)";
        }
        if (name.startsWith("heap/retainers")) {
            return "a retainers heap walk";
        }
        return null;
    }

    private static void answer(PprofRequest request, int status, String reason) {
        try {
            request.sendError(status, reason);
        } catch (IOException | RuntimeException e) {
            // headers already sent or client gone
        }
    }

    private boolean authorized(HttpExchange exchange, PprofRequest request) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String offered = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : request.param("token");
        return offered != null && MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops accepting, lets running requests end for up to a second, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
