package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.FetchFailure;
import dev.pprof4j.protocol.GoDurations;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A profile fetched over HTTP, as go tool pprof fetches it: {@code -seconds N} becomes
 * {@code ?seconds=N}, the timeout is the duration plus half (60 s without one), and while
 * the server takes the profile a countdown shows on stderr. The body is read up to a limit.
 */
final class HttpSource {
    /** A TCP connect and a TLS handshake; go tool pprof gives the whole fetch its timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The schemes fetched; go tool pprof fetches others through its http client, which refuses them. */
    private static final Pattern HTTP = Pattern.compile("https?|https\\+insecure");

    private final URI uri;
    private final Duration duration;
    private final Duration timeout;
    private final long maxBytes;
    private final PrintStream err;
    private final boolean terminal;
    private final AgentAuth auth;
    /** {@code https+insecure://}: fetched over HTTPS without checking the certificate ({@link InsecureTls}). */
    private final boolean insecure;

    HttpSource(String url, int seconds, int timeoutSeconds, long maxBytes, PrintStream err, AgentAuth auth) {
        this(url, seconds, timeoutSeconds, maxBytes, err, Countdown.onTerminal(), auth);
    }

    HttpSource(String url, int seconds, int timeoutSeconds, long maxBytes, PrintStream err, boolean terminal) {
        this(url, seconds, timeoutSeconds, maxBytes, err, terminal, AgentAuth.NONE);
    }

    /**
     * {@code terminal}: whether {@code err} is a terminal, where the countdown rewrites one line;
     * {@code auth}: the agent's token, sent as a header. A {@code token=} in the URL is taken out
     * of it and sent as the header when {@code auth} has none: it never travels in the URL.
     */
    HttpSource(String url, int seconds, int timeoutSeconds, long maxBytes, PrintStream err, boolean terminal,
            AgentAuth auth) {
        Map<String, String> query = query(URI.create(url).getRawQuery());
        String inUrl = query.remove("token");
        this.auth = auth.present() || inUrl == null ? auth : AgentAuth.of(inUrl);
        long durationSeconds = 0;
        if (seconds > 0) {
            query.put("seconds", Integer.toString(seconds));
            durationSeconds = seconds;
        } else if (query.containsKey("seconds")) {
            try {
                durationSeconds = Long.parseLong(query.get("seconds"));
            } catch (NumberFormatException e) {
                durationSeconds = 0;
            }
        }
        URI base = URI.create(url);
        String q = encode(query);
        this.insecure = InsecureTls.SCHEME.equals(base.getScheme());
        this.uri = URI.create((insecure ? "https" : base.getScheme()) + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath())
                + (q.isEmpty() ? "" : "?" + q));
        this.duration = Duration.ofSeconds(Math.max(0, durationSeconds));
        this.timeout = timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds)
                : durationSeconds > 0 ? duration.plus(duration.dividedBy(2)) : Duration.ofSeconds(60);
        this.maxBytes = maxBytes;
        this.err = err;
        this.terminal = terminal;
    }

    /** go's default path for a source that names only a host and port: a CPU profile. */
    static final String CPU_PROFILE_PATH = "/debug/pprof/profile";

    /**
     * The URL for a source that is one, else null; Go's rules (cmd/pprof's {@code adjustURL}):
     * a source that does not parse as a URL with a host, a {@code host:port[/path]} that parses
     * as a scheme and no host, is tried again with {@code http://} in front; an empty path or
     * {@code /} becomes {@code /debug/pprof/profile}, so {@code pprof4j -seconds 5 localhost:6060}
     * takes a CPU profile as {@code go tool pprof} does.
     */
    static String adjustUrl(String source) {
        URI u = parse(source);
        if (u == null || (u.getRawAuthority() == null && u.getScheme() != null && !u.getScheme().equals("file"))) {
            u = parse("http://" + source);
        }
        if (u == null || u.getRawAuthority() == null || u.getRawAuthority().isEmpty() || !HTTP.matcher(
                String.valueOf(u.getScheme())).matches()) {
            return null;
        }
        String path = u.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            path = CPU_PROFILE_PATH;
        }
        return u.getScheme() + "://" + u.getRawAuthority() + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /**
     * A URI as Go's {@code url.Parse} reads it, or null where Go's fails: a first path segment
     * with a colon and no scheme before it ({@code 127.0.0.1:6060}) is an error there, while
     * Java's URI takes it as a relative path.
     */
    private static URI parse(String source) {
        try {
            URI u = new URI(source);
            if (u.getScheme() == null && !u.isOpaque()) {
                String path = String.valueOf(u.getRawPath());
                int slash = path.indexOf('/');
                if ((slash < 0 ? path : path.substring(0, slash)).contains(":")) {
                    return null;
                }
            }
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    URI uri() {
        return uri;
    }

    /** Opens the response body; fails with a one-line message on any error status. */
    InputStream open() throws IOException {
        err.println("Fetching profile over HTTP from " + (insecure ? InsecureTls.SCHEME + uri.toString().substring(5) : uri));
        if (!duration.isZero()) {
            err.println("Please wait... (" + GoDurations.format(duration) + ")"); // Go's %v of a time.Duration
        }
        // With a token, no redirect is followed: the header would go wherever the server points.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(auth.present() ? HttpClient.Redirect.NEVER : HttpClient.Redirect.NORMAL);
        HttpClient client = (insecure ? builder.sslContext(InsecureTls.context()) : builder).build();
        // Go's client asks for gzip and undoes it; a proxy in front of an agent may compress.
        HttpRequest request = auth.request(uri).timeout(timeout.plusSeconds(5)).header("Accept-Encoding", "gzip")
                .GET().build();
        Countdown countdown = duration.isZero() ? null : Countdown.start(err, duration, terminal);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            // Before its supertype: no connection (or no TLS handshake) is not a slow profile.
            throw new CliError(uri + ": " + FetchFailure.describe(uri, e, timeout.plusSeconds(5)), e);
        } catch (HttpTimeoutException e) {
            throw new CliError(uri + ": http fetch: no answer within " + timeout.plusSeconds(5).toSeconds()
                    + "s; raise -timeout N", e);
        } catch (IOException e) {
            throw new CliError(uri + ": " + FetchFailure.describe(uri, e, timeout.plusSeconds(5)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError(uri + ": http fetch interrupted", e);
        } finally {
            if (countdown != null) {
                countdown.stop();
            }
        }
        InputStream body = response.body();
        if (response.statusCode() / 100 == 3 && auth.present()) {
            body.close();
            throw new CliError(uri + ": server response: " + response.statusCode() + " to "
                    + AgentAuth.redact(response.headers().firstValue("Location").orElse("nowhere"))
                    + "; a request with a token follows no redirect: use that URL");
        }
        if (response.statusCode() != 200) {
            String detail = "";
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("text/plain")) {
                byte[] b = body.readNBytes(300);
                detail = " - " + new String(b, StandardCharsets.UTF_8).strip().replace('\n', ' ');
            }
            body.close();
            throw new CliError(uri + ": server response: " + response.statusCode() + AgentAuth.redact(detail)
                    + (response.statusCode() == 401 ? unauthorizedHint() : ""));
        }
        boolean gzipped = response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
        // The limit counts what the decoders read, which is at least what came over the wire.
        return new Limited(gzipped ? gunzip(body) : body, maxBytes, uri.toString());
    }

    /** A body sent with {@code Content-Encoding: gzip}, undone as Go's client does. */
    private InputStream gunzip(InputStream body) {
        try {
            return new GZIPInputStream(body, 1 << 16);
        } catch (IOException e) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the message below is what matters
            }
            throw new CliError(uri + ": decompressing the response (Content-Encoding: gzip): " + e.getMessage(), e);
        }
    }

    /** What to do about a 401: the agent wants a token this run did not send, or another one. */
    private String unauthorizedHint() {
        return auth.present() ? "; the agent refused the token sent (from -token_file, the URL or $"
                + AgentToken.ENV + ")" : "; the agent wants a token: set " + AgentToken.ENV + " or use -token_file FILE";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Go's {@code url.Values.Encode}: keys sorted. */
    private static String encode(Map<String, String> query) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** A body that refuses to grow past the limit, so a hostile server cannot fill memory. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private final String source;
        private long read;

        Limited(InputStream in, long limit, String source) {
            super(in);
            this.limit = limit;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new CliError(source + ": response is larger than " + limit + " bytes; raise -max_bytes N");
            }
        }
    }
}
