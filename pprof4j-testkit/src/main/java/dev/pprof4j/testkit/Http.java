package dev.pprof4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP GETs for tests against a child JVM's endpoints. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** A response: status, headers (first value each, lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public static Response get(String url) {
        return get(url, Duration.ofMinutes(2), Map.of());
    }

    public static Response get(String url, Duration timeout, Map<String, String> requestHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        requestHeaders.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new java.util.HashMap<>();
            response.headers().map().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: GET " + url, e);
        }
    }
}
