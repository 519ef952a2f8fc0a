package dev.pprof4j.runtime.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Who may ask: requests a browser makes for another site, and requests for a name that is
 * not this agent's, are refused with 403 before anything runs — whatever the method, since
 * a plain GET here can collect garbage ({@code gc=1}) or stop the world for a heap walk.
 *
 * <ul>
 *   <li>{@code Sec-Fetch-Site} (every current browser sends it) must be {@code same-origin}
 *       or {@code none} (typed in the address bar); {@code same-site} is refused too, as
 *       another port of localhost is another origin.</li>
 *   <li>Without it, an {@code Origin} header must name this server's own host and port (what
 *       Go's {@code http.CrossOriginProtection} checks).</li>
 *   <li>{@code Host} must be an IP literal (no DNS rebinding can forge one), {@code localhost},
 *       the {@code host=} option's name, or one of {@code allowhosts=} (a reverse proxy's
 *       name). A DNS-rebinding page reaches 127.0.0.1 under its own name, and is refused.</li>
 * </ul>
 * curl and {@code go tool pprof} send neither {@code Origin} nor {@code Sec-Fetch-Site}, and
 * are served as before.
 */
final class SameOriginPolicy {
    private final Set<String> allowedNames;

    /**
     * @param bindHost   the {@code host=} option
     * @param allowHosts names a reverse proxy may forward, lower case
     */
    SameOriginPolicy(String bindHost, Set<String> allowHosts) {
        java.util.Set<String> names = new java.util.HashSet<>(allowHosts);
        names.add("localhost");
        names.add(bindHost.toLowerCase(Locale.ROOT));
        this.allowedNames = Set.copyOf(names);
    }

    /** Throws 403 with a one-line reason when the request must not be served. */
    void check(Headers headers) throws HttpError {
        String fetchSite = headers.getFirst("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw forbidden("cross-site request refused (Sec-Fetch-Site: " + fetchSite
                    + "); pprof4j answers only its own pages, curl and go tool pprof");
        }
        String host = headers.getFirst("Host");
        if (host != null && !allowedHost(hostName(host))) {
            throw forbidden("Host '" + host + "' is not this agent's address (DNS rebinding?); a reverse proxy's"
                    + " name can be allowed with the agent option allowhosts=NAME");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && fetchSite == null && !sameOrigin(origin, host)) {
            throw forbidden("cross-origin request refused (Origin: " + origin + ", Host: " + host + ")");
        }
    }

    private boolean allowedHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return isIpLiteral(lower) || allowedNames.contains(lower) || lower.endsWith(".localhost");
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
            String expected = host.toLowerCase(Locale.ROOT);
            return authority.equals(expected) || authority.equals(expected + ":80") || (authority + ":80").equals(expected);
        } catch (IllegalArgumentException e) {
            return false; // "null" or malformed: a sandboxed or privacy-hidden origin is not ours
        }
    }

    /** The name in a Host header: {@code [::1]:6060} is {@code ::1}, {@code a.example:80} is {@code a.example}. */
    static String hostName(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return name.matches("[0-9a-f:.%]+");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static HttpError forbidden(String reason) {
        return new HttpError(403, reason);
    }
}
