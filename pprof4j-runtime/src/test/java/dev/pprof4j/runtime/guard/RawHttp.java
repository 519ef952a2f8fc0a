package dev.pprof4j.runtime.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests written byte for byte on a socket, as an attacker or a careless client sends them:
 * a forged {@code Host}, browser headers, half a request. {@code java.net.http} refuses to set
 * {@code Host} and always finishes its requests.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A response's status line code and body (headers left out). */
    record Response(int status, String head, String body) {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and reads the whole answer. */
    static Response exchange(String base, String head, Duration timeout) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String responseHead = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] status = responseHead.split(" ", 3);
            return new Response(status.length > 1 ? Integer.parseInt(status[1]) : -1, responseHead, body);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + base + " failed: " + head.lines().findFirst().orElse(""), e);
        }
    }

    static Response get(String base, String path, String... headers) {
        URI uri = URI.create(base);
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort());
        for (String header : headers) {
            head.append("\r\n").append(header);
        }
        return exchange(base, head.toString(), Duration.ofSeconds(30));
    }

    /** Opens a connection and sends a whole request ({@code head} without the blank line); reads nothing. */
    static Socket send(String base, String head) throws IOException {
        URI uri = URI.create(base);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Opens a connection and sends only the start of a request: the headers never end. */
    static Socket halfRequest(String base) throws IOException {
        URI uri = URI.create(base);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.getOutputStream().write(("GET /debug/pprof/cmdline HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-Slow: ")
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
