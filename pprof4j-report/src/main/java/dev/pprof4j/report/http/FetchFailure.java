package dev.pprof4j.report.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * What went wrong fetching from an agent, in the user's words: the JDK's HTTP client throws a
 * {@link ConnectException} without a message for a refused connection, and an {@code https://}
 * URL to a plain-HTTP server waits out the connect timeout (the server reads the TLS hello as a
 * request line that never ends) before it says "connect timed out".
 */
public final class FetchFailure {
    /** How long the plain-HTTP probe after a failed TLS handshake may take. */
    private static final int PROBE_MILLIS = 2_000;

    private FetchFailure() {
    }

    /**
     * One line for a failed request to {@code uri}: what happened and what to do. The URL is
     * {@linkplain AgentAuth#redact redacted}.
     *
     * @param timeout the request's timeout, for the message when it expired
     */
    public static String describe(URI uri, Throwable failure, Duration timeout) {
        String where = hostPort(uri);
        if ("https".equalsIgnoreCase(uri.getScheme()) && handshakeFailed(failure) && answersPlainHttp(uri)) {
            return "the server at " + where + " does not speak TLS (it answers plain HTTP); use http://"
                    + AgentAuth.redact(uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + where + ": no connection within the connect timeout; is the address right"
                    + " and the port open?";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer from " + where + " within " + timeout.toSeconds() + "s";
        }
        if (has(failure, UnresolvedAddressException.class) || has(failure, java.net.UnknownHostException.class)) {
            return "cannot connect to " + where + ": unknown host";
        }
        if (failure instanceof ConnectException || has(failure, ConnectException.class)) {
            return "cannot connect to " + where + ": connection refused; is the agent running, and is that its port?";
        }
        if (has(failure, SSLException.class) && has(failure, java.security.cert.CertificateException.class)) {
            return "TLS with " + where + " failed: the server's certificate is not trusted (self-signed, from a private CA,"
                    + " or for another host name); to fetch without checking it, as go tool pprof does, use https+insecure://"
                    + AgentAuth.redact(uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
        if (has(failure, SSLException.class)) {
            return "TLS with " + where + " failed: " + AgentAuth.redact(cause(failure, SSLException.class).getMessage());
        }
        String message = failure.getMessage();
        return "fetching " + AgentAuth.redact(uri.toString()) + ": "
                + AgentAuth.redact(message != null ? message : failure.getClass().getSimpleName());
    }

    /** {@link #describe} as an exception with the cause chained, for code that throws IOExceptions. */
    public static IOException exception(URI uri, Throwable failure, Duration timeout) {
        return new IOException(describe(uri, failure, timeout), failure);
    }

    /** {@code host:port} as the user would type it, with the scheme's default port when none is given. */
    public static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String host = uri.getHost() != null ? uri.getHost() : String.valueOf(uri.getRawAuthority());
        return host + ":" + port;
    }

    /**
     * A TLS handshake that got no TLS answer: it timed out, or the peer closed or sent what is
     * not TLS. A certificate the client distrusts is a TLS server's answer, not a plain one.
     */
    private static boolean handshakeFailed(Throwable failure) {
        if (has(failure, java.security.GeneralSecurityException.class)) {
            return false;
        }
        return failure instanceof HttpConnectTimeoutException || has(failure, SSLException.class)
                || (failure instanceof IOException && String.valueOf(failure.getMessage()).contains("closed"));
    }

    /** Whether the server answers a plain HTTP request with an HTTP status line, within a short bound. */
    static boolean answersPlainHttp(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : 443), PROBE_MILLIS);
            socket.setSoTimeout(PROBE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD / HTTP/1.0\r\nHost: " + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(5);
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static Throwable cause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
