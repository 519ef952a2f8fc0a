package dev.pprof4j.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.Collectors;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Collectors collectors;
    private final Semaphore requests;
    private final byte[] token;

    private PprofServer(AgentOptions options, Collectors collectors, HttpServer server, ThreadPoolExecutor executor) {
        this.options = options;
        this.collectors = collectors;
        this.server = server;
        this.executor = executor;
        this.profiles = new Profiles(collectors);
        this.requests = new Semaphore(options.maxRequests());
        // Timed requests (deltas) hold a thread for seconds; leave room for quick ones.
        this.sinceEndpoint = new SinceEndpoint(collectors);
        this.profileEndpoint = new ProfileEndpoint(new Semaphore(Math.max(1, options.maxRequests() / 4)), sinceEndpoint);
        this.cpuEndpoint = new CpuEndpoint(collectors.cpuWindows());
        this.retainersEndpoint = new RetainersEndpoint(collectors);
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
    }

    /** Binds and starts serving; the bound address is {@link #address()} (port 0 picks a free port). */
    public static PprofServer start(AgentOptions options, Collectors collectors) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        // Two threads beyond maxrequests: with exactly maxrequests, a request over the limit
        // would wait in the queue for a slot instead of meeting the limit and its 503 at once.
        int threads = options.maxRequests() + 2;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(256), daemonThreads("pprof4j-http-"), new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
        PprofServer pprof = new PprofServer(options, collectors, server, executor);
        server.setExecutor(executor);
        server.createContext("/debug/pprof/", pprof::handlePprof);
        server.createContext("/debug/vars", pprof::handleVars);
        server.start();
        return pprof;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handlePprof(HttpExchange exchange) {
        serve(exchange, request -> {
            String path = exchange.getRequestURI().getPath();
            String name = path.substring("/debug/pprof/".length());
            switch (name) {
                case "" -> request.sendText(200, "text/html; charset=utf-8", IndexPage.html(indexEntries()));
                case "cmdline" -> request.sendText(200, "text/plain; charset=utf-8",
                        String.join("\0", CommandLine.arguments()));
                // Go's handler says 1 ("pprof only cares whether this number is 0 or > 0") and
                // resolves program counters; Java profiles carry their function names and have
                // no counters to resolve, so 0 tells pprof there is nothing to ask for.
                case "symbol" -> request.sendText(200, "text/plain; charset=utf-8", "num_symbols: 0\n");
                case "profile" -> cpuEndpoint.serve(request);
                case "trace" -> traceEndpoint.serve(request);
                case "heap/retainers" -> retainersEndpoint.serve(request);
                case "history" -> sinceEndpoint.serveHistory(request);
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
            request.sendText(200, "application/json; charset=utf-8", VarsPage.json(collectors));
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
        entries.add(new IndexPage.Entry("trace", "A JFR recording of the current program. You can specify the"
                + " duration in the seconds GET parameter. Open it in JDK Mission Control or with jfr print.", -1,
                profiles.engine("trace")));
        return entries;
    }

    private interface Action {
        void run(PprofRequest request) throws IOException, HttpError, CollectorUnavailableException;
    }

    /** Authenticates, bounds concurrency, and turns every failure into a one-line answer. */
    private void serve(HttpExchange exchange, Action action) {
        PprofRequest request = new PprofRequest(exchange, options.maxSeconds());
        boolean acquired = false;
        try {
            if (!authorized(exchange, request)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pprof4j\"");
                throw new HttpError(401, "missing or wrong token: send 'Authorization: Bearer <token>' or ?token=<token>");
            }
            acquired = requests.tryAcquire();
            if (!acquired) {
                throw HttpError.unavailable("too many concurrent requests (at most " + options.maxRequests()
                        + "); retry shortly");
            }
            action.run(request);
        } catch (HttpError e) {
            answer(request, e.status, e.getMessage());
        } catch (CollectorUnavailableException e) {
            answer(request, 503, e.getMessage());
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            answer(request, 500, "pprof4j failed: " + e);
        } finally {
            if (acquired) {
                requests.release();
            }
            exchange.close();
        }
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
