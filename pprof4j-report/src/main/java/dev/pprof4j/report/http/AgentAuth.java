package dev.pprof4j.report.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bearer token of an agent started with {@code token=}: every request to the agent carries
 * it as {@code Authorization: Bearer}, never as {@code ?token=}, so it stays out of URLs that
 * are printed, logged by proxies or saved as a profile's name. {@link #redact} masks a token a
 * user put in a URL anyway, in any text about to be shown.
 */
public final class AgentAuth {
    /** No token: requests go as they are (an agent on loopback needs none). */
    public static final AgentAuth NONE = new AgentAuth(null);

    /** {@code token=VALUE} as a query parameter, in a URL or in a message that quotes one. */
    private static final Pattern TOKEN_PARAM = Pattern.compile("([?&;]token=)[^&#\\s\"')]*", Pattern.CASE_INSENSITIVE);

    private final String token;

    private AgentAuth(String token) {
        this.token = token;
    }

    /** A token to send, or {@link #NONE} when it is null or blank. */
    public static AgentAuth of(String token) {
        return token == null || token.isBlank() ? NONE : new AgentAuth(token.strip());
    }

    public boolean present() {
        return token != null;
    }

    /** Adds the {@code Authorization} header when there is a token. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** A request to {@code uri} with this token as its header. */
    public HttpRequest.Builder request(URI uri) {
        return authorize(HttpRequest.newBuilder(uri));
    }

    /** {@code text} with the value of every {@code token=} query parameter replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : TOKEN_PARAM.matcher(text).replaceAll("$1***");
    }

    /** The value of a URL's {@code token=} parameter, or null when it has none. */
    public static String tokenIn(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        Matcher m = TOKEN_PARAM.matcher(url);
        while (m.find()) {
            if (m.start() >= q) {
                String value = url.substring(m.end(1), m.end());
                return URLDecoder.decode(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code url} without its {@code token=} parameters (and without a {@code ?} left empty). */
    public static String withoutToken(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = url.substring(q + 1, hash < 0 ? url.length() : hash);
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (!part.isEmpty() && !part.regionMatches(true, 0, "token=", 0, 6) && !part.equalsIgnoreCase("token")) {
                kept.append(kept.length() == 0 ? "" : "&").append(part);
            }
        }
        return url.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept) + (hash < 0 ? "" : url.substring(hash));
    }

    @Override
    public String toString() {
        return token == null ? "no token" : "a bearer token"; // never the token itself
    }
}
