package dev.pprof4j.report.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.profile.ProfileEncoder;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * pprof4j's web UI ({@code pprof4j -http=HOST:PORT}) on the JDK's HttpServer: top, flame
 * graph, peek, call graph and source views of one profile, sharing filters through the URL.
 *
 * <p>It is a local tool: it binds a loopback address unless {@link Builder#allowRemote} says
 * otherwise, and bounds what a request may cost — two views computed at a time (others wait
 * briefly, then get 503), regexes and queries of bounded length, call graphs of at most
 * {@link GraphView#MAX_NODES} nodes rendered by {@code dot} under a time limit. It answers
 * only its own pages' requests ({@link RequestGuard}: Host, Origin, Sec-Fetch-Site), and shows
 * source files only from its source path ({@link SourceFinder}).
 */
public final class WebUi implements Closeable {
    static final int CONCURRENT_VIEWS = 2;
    /** The profile itself, as go tool pprof's UI serves it. */
    static final String DOWNLOAD = "/download";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ProfileSource source;
    private final AtomicReference<ProfileSource.Snapshot> snapshot = new AtomicReference<>();
    /** A {@code since=} request's profile (now minus a history snapshot), for the request's thread only. */
    private final ThreadLocal<ProfileSource.Snapshot> sinceSnapshot = new ThreadLocal<>();
    private final Semaphore computing = new Semaphore(CONCURRENT_VIEWS);
    private final SourceFinder sourceFinder;
    private final String dotCommand;
    private final RequestGuard guard;

    private WebUi(Builder b) throws IOException {
        this.source = b.source;
        this.sourceFinder = new SourceFinder(b.sourcePath);
        this.dotCommand = b.dotCommand;
        snapshot.set(source.load());
        InetSocketAddress address = new InetSocketAddress(b.host, b.port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve host " + b.host);
        }
        InetAddress ip = address.getAddress();
        if (!ip.isLoopbackAddress() && !b.allowRemote) {
            throw new IOException("refusing to serve profiles on " + b.host + ", which is not a loopback address; "
                    + "use 127.0.0.1 or localhost, or allow it explicitly with -http_allow_remote");
        }
        server = HttpServer.create(address, 16);
        guard = new RequestGuard(server.getAddress(), b.host, b.allowedHosts);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "pprof4j-web-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newFixedThreadPool(4, threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder(ProfileSource source) {
        return new Builder(source);
    }

    /** The address actually bound (port 0 becomes a real port). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The UI's start page, e.g. {@code http://127.0.0.1:8081/}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    ProfileSource.Snapshot snapshot() {
        ProfileSource.Snapshot since = sinceSnapshot.get();
        return since != null ? since : snapshot.get();
    }

    SourceFinder sourceFinder() {
        return sourceFinder;
    }

    String dotCommand() {
        return dotCommand;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String refused = guard.refusal(exchange.getRequestHeaders());
            if (refused != null) {
                // Before anything else, so no view is computed and no refresh runs for another site.
                send(exchange, 403, "text/plain", "refused: " + refused + "\n");
                return;
            }
            if (path.equals("/refresh")) {
                if (!method.equals("POST")) {
                    send(exchange, 405, "text/plain", "refresh with POST (the Refresh button)\n");
                    return;
                }
                refresh(exchange);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain", method + " is not supported here\n");
                return;
            }
            if (path.equals(DOWNLOAD) || path.equals("/ui" + DOWNLOAD)) {
                download(exchange);
                return;
            }
            View view = View.forPath(path);
            if (view == null) {
                send(exchange, 404, "text/plain", "no such page: " + path + "; try /\n");
                return;
            }
            if (!computing.tryAcquire(10, TimeUnit.SECONDS)) {
                send(exchange, 503, "text/plain", "busy computing other views; try again\n");
                return;
            }
            try {
                ViewParams params = ViewParams.parse(exchange.getRequestURI().getRawQuery());
                AgentHistory history = source.history();
                if (!params.get("since").isEmpty()) {
                    if (history == null) {
                        throw new ViewParams.BadRequest("since= needs a live agent's profile as the source"
                                + " (e.g. http://127.0.0.1:6060/debug/pprof/heap)");
                    }
                    sinceSnapshot.set(history.since(params.get("since")));
                }
                String html = view.render(this, params);
                if (history != null) {
                    html = HistoryChart.insert(html, HistoryChart.render(history.points(), view, params));
                }
                send(exchange, 200, "text/html; charset=utf-8", html);
            } catch (IOException e) {
                // The agent refused (e.g. more history asked than it holds) or went away.
                send(exchange, 502, "text/html; charset=utf-8",
                        PageLayout.errorPage(view, ViewParams.parse(null), snapshot.get(), e.getMessage()));
            } catch (ViewParams.BadRequest | IllegalArgumentException e) {
                send(exchange, 400, "text/html; charset=utf-8",
                        PageLayout.errorPage(view, ViewParams.parse(null), snapshot.get(), e.getMessage()));
            } finally {
                sinceSnapshot.remove();
                computing.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A view failed on this profile: say so instead of dropping the connection.
            sendQuietly(exchange, 500, "internal error rendering " + exchange.getRequestURI().getPath() + ": " + e);
        } finally {
            exchange.close();
        }
    }

    /**
     * go tool pprof's {@code /download}: the whole profile the UI shows (after {@code -base},
     * before the URL's filters), gzipped protobuf, with Go's content type and file name.
     */
    private void download(HttpExchange exchange) throws IOException, InterruptedException {
        if (!computing.tryAcquire(10, TimeUnit.SECONDS)) {
            send(exchange, 503, "text/plain", "busy computing other views; try again\n");
            return;
        }
        byte[] body;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ProfileEncoder.writeGzip(snapshot.get().profile(), bytes);
            body = bytes.toByteArray();
        } finally {
            computing.release();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.google.protobuf+gzip");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment;filename=profile.pb.gz");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void refresh(HttpExchange exchange) throws IOException {
        String back = "/";
        String referer = exchange.getRequestHeaders().getFirst("Referer");
        if (referer != null) {
            URI uri = URI.create(referer);
            // Only a path of ours: never redirect to another site.
            back = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        try {
            snapshot.set(source.load());
        } catch (IOException | RuntimeException e) {
            send(exchange, 502, "text/plain", "refresh failed, still showing the previous profile: "
                    + e.getMessage() + "\n");
            return;
        }
        exchange.getResponseHeaders().set("Location", back);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sendQuietly(HttpExchange exchange, int status, String message) {
        try {
            send(exchange, status, "text/plain", message + "\n");
        } catch (IOException | RuntimeException ignored) {
            // headers may already be out; the client sees a cut response
        }
    }

    /** Settings of the UI; {@link #start()} binds and serves. */
    public static final class Builder {
        private final ProfileSource source;
        private String host = "127.0.0.1";
        private int port = 8081;
        private boolean allowRemote;
        private final List<Path> sourcePath = new ArrayList<>();
        private final List<String> allowedHosts = new ArrayList<>();
        private String dotCommand = "dot";

        private Builder(ProfileSource source) {
            this.source = source;
        }

        /** Host and port, port 0 for any free one. */
        public Builder bind(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Serve on a non-loopback address too; without it such a bind is refused. */
        public Builder allowRemote(boolean allowRemote) {
            this.allowRemote = allowRemote;
            return this;
        }

        /**
         * Host names served besides this server's own address, {@code localhost} and loopback
         * literals (see {@link RequestGuard}), e.g. the name of a reverse proxy in front of it.
         */
        public Builder allowHosts(List<String> hosts) {
            allowedHosts.addAll(hosts);
            return this;
        }

        /** Directories searched for source files (go tool pprof's -source_path); the current directory is always searched last. */
        public Builder sourcePath(List<Path> dirs) {
            sourcePath.addAll(dirs);
            return this;
        }

        /** The Graphviz command; tests point it elsewhere to see the page without it. */
        public Builder dotCommand(String dotCommand) {
            this.dotCommand = dotCommand;
            return this;
        }

        /**
         * Loads the profile, binds and starts serving.
         *
         * @throws IOException when the source cannot be read or the address not bound; the
         *     message says which
         */
        public WebUi start() throws IOException {
            return new WebUi(this);
        }
    }
}
