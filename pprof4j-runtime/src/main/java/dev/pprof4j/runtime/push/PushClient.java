package dev.pprof4j.runtime.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one request to Pyroscope with the JDK's own HTTP client ({@code java.base}; the agent
 * carries no third-party classes): the connect Push API or, for older servers, {@code /ingest}.
 * Connect and read timeouts bound every send; the answer's body is read up to a few KiB for
 * the error message and otherwise discarded, so a hostile server cannot make the agent hold
 * memory.
 */
final class PushClient {
    static final String PUSH_PATH = "/push.v1.PusherService/Push";
    static final String INGEST_PATH = "/ingest";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_BYTES = 4096;

    /** The server's answer: status, its Retry-After if any, and the start of its body. */
    record Answer(int status, Duration retryAfter, String message) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** What is worth retrying: the server is busy or down, not our request wrong. */
        boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }
    }

    private final URI server;
    private final PushCredentials credentials;

    PushClient(URI server, PushCredentials credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** {@code POST /push.v1.PusherService/Push} with a binary {@code PushRequest} (connect's unary protocol). */
    Answer push(byte[] pushRequest) throws IOException {
        return post(PUSH_PATH, "application/proto", Map.of("Connect-Protocol-Version", "1"), pushRequest);
    }

    /**
     * {@code POST /ingest?name=app{k=v}&from&until&format=pprof}: one profile a request; the server
     * infers the kind from the sample type names and takes {@code service_name} from {@code app}.
     */
    Answer ingest(String app, Map<String, String> labels, long fromSeconds, long untilSeconds, String units,
            byte[] gzippedProfile) throws IOException {
        StringBuilder name = new StringBuilder(app).append('{');
        labels.forEach((k, v) -> name.append(name.charAt(name.length() - 1) == '{' ? "" : ",").append(k).append('=')
                .append(v));
        name.append('}');
        String query = "?name=" + URLEncoder.encode(name.toString(), StandardCharsets.UTF_8) + "&from=" + fromSeconds
                + "&until=" + untilSeconds + "&format=pprof&spyName=pprof4j&units=" + units + "&aggregationType=sum";
        return post(INGEST_PATH + query, "application/octet-stream", Map.of(), gzippedProfile);
    }

    private Answer post(String pathAndQuery, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(server + pathAndQuery).toURL().openConnection();
        try {
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setInstanceFollowRedirects(false); // never carry credentials to another host
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", contentType);
            connection.setRequestProperty("User-Agent", "pprof4j");
            headers.forEach(connection::setRequestProperty);
            credentials.apply(connection);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            String retryAfter = connection.getHeaderField("Retry-After");
            String message = readSome(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
            return new Answer(status, parseRetryAfter(retryAfter), message);
        } finally {
            connection.disconnect();
        }
    }

    private static String readSome(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            byte[] head = in.readNBytes(MAX_ERROR_BYTES);
            // The rest (if any) is discarded: a keep-alive connection needs its body drained, but not ours to hold.
            in.skip(1 << 20);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
    }

    private static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: our own backoff is as good
        }
    }
}
