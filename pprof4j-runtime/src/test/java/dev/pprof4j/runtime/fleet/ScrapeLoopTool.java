package dev.pprof4j.runtime.fleet;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.testkit.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A TEST TOOL that fetches profiles the way a fleet scraper does, by the rules Grafana Alloy's
 * {@code pyroscope.scrape} documents and its source applies (read in its repository, not
 * copied): a scrape fails on a non-2xx status, an empty body, a Content-Type not starting with
 * {@code application/octet-stream}, an HTML or JSON body, or a first protobuf byte of wire
 * type 6 or 7; gzip and raw protobuf are both accepted. A CPU-like (delta) target asks
 * {@code seconds = interval − 1s} and waits {@code timeout + interval − 1s}.
 */
final class ScrapeLoopTool {
    /** One accepted scrape: the raw (decompressed) protobuf and its decoding. */
    record Scrape(String url, byte[] protobuf, Profile profile) {
    }

    private final Duration interval;
    private final Duration timeout;
    private final String userAgent;

    ScrapeLoopTool(Duration interval, Duration timeout, String userAgent) {
        this.interval = interval;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    /** The query a delta target (process_cpu, fgprof) gets: {@code seconds=interval−1}. */
    String deltaQuery() {
        return "seconds=" + (interval.toSeconds() - 1);
    }

    /** How long a delta target's scrape may take: the timeout plus the interval less a second. */
    Duration deltaTimeout() {
        return timeout.plus(interval).minusSeconds(1);
    }

    Scrape cumulative(String url) {
        return fetch(url, timeout);
    }

    Scrape delta(String url) {
        return fetch(url + (url.contains("?") ? "&" : "?") + deltaQuery(), deltaTimeout());
    }

    private Scrape fetch(String url, Duration limit) {
        Http.Response response = Http.get(url, limit, Map.of("User-Agent", userAgent));
        if (response.status() < 200 || response.status() > 299) {
            throw new AssertionError("scrape failed: " + url + ": status " + response.status() + ": " + response.text());
        }
        byte[] body = response.body();
        if (body.length == 0) {
            throw new AssertionError("scrape failed: " + url + ": empty body");
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/octet-stream")) {
            throw new AssertionError("scrape failed: " + url + ": Content-Type " + type);
        }
        byte[] protobuf = isGzip(body) ? gunzip(body) : body;
        if (protobuf.length == 0 || protobuf[0] == '<' || protobuf[0] == '{') {
            throw new AssertionError("scrape failed: " + url + ": HTML, JSON or empty protobuf");
        }
        int wireType = protobuf[0] & 7;
        if (wireType == 6 || wireType == 7) {
            throw new AssertionError("scrape failed: " + url + ": first byte is no protobuf tag (wire type " + wireType + ")");
        }
        try {
            return new Scrape(url, protobuf, new ProfileDecoder().decode(body));
        } catch (ProfileFormatException e) {
            throw new AssertionError("scrape failed: " + url + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(byte[] body) {
        return body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
