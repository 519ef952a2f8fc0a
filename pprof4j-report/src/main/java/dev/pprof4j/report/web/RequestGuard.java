package dev.pprof4j.report.web;

import com.sun.net.httpserver.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which requests the web UI answers. It shows whatever the profile holds (function names,
 * file paths, source lines), and its Refresh refetches from a live agent; a page of another
 * site must not read or trigger either. So, for every method:
 * <ul>
 *   <li>{@code Host} must name this server: the bound address, {@code localhost} or a loopback
 *   literal, or a host allowed with {@code -http_allow_host} (a reverse proxy's name). A page
 *   of {@code evil.example} whose DNS name was re-pointed at 127.0.0.1 (DNS rebinding) sends
 *   {@code Host: evil.example:PORT} and is refused.</li>
 *   <li>a request a browser marks as coming from another site ({@code Sec-Fetch-Site:
 *   cross-site} or {@code same-site}, which includes another port of localhost) or whose
 *   {@code Origin} is not this server is refused, so a cross-site form cannot {@code POST
 *   /refresh} and a cross-site script cannot read a page.</li>
 * </ul>
 * Clients that send none of these headers (curl, scripts) are not browsers under another
 * site's control, and are served.
 */
final class RequestGuard {
    private final Set<String> ownHosts = new TreeSet<>();
    private final Set<String> allowedHosts = new TreeSet<>();
    private final int port;

    /**
     * @param bound where the UI listens
     * @param bindHost the host the user asked to bind, as typed (a name is allowed too)
     * @param allowed further host names to serve, e.g. a reverse proxy's, with any port
     */
    RequestGuard(InetSocketAddress bound, String bindHost, List<String> allowed) {
        this.port = bound.getPort();
        ownHosts.addAll(List.of("localhost", "127.0.0.1", "::1"));
        ownHosts.add(bound.getAddress().getHostAddress().toLowerCase(Locale.ROOT));
        ownHosts.add(bare(bindHost).toLowerCase(Locale.ROOT));
        for (String host : allowed) {
            allowedHosts.add(bare(host).toLowerCase(Locale.ROOT));
        }
    }

    /** Null when the request may be answered; else the one-line reason it is refused. */
    String refusal(Headers headers) {
        String host = headers.getFirst("Host");
        if (host != null && !servesHost(host)) {
            return "Host " + host + " is not this server's address (a page of another site reaching it through"
                    + " DNS rebinding?); open it as http://localhost:" + port + "/ or allow that host name with"
                    + " -http_allow_host=" + hostOf(host);
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return "a request from another site's page (Sec-Fetch-Site: " + site + "); open the UI's own pages instead";
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !isOwnOrigin(origin)) {
            return "a request from another origin (Origin: " + origin + "); open the UI's own pages instead";
        }
        return null;
    }

    private boolean servesHost(String hostHeader) {
        String host = hostOf(hostHeader).toLowerCase(Locale.ROOT);
        int p = portOf(hostHeader);
        if (allowedHosts.contains(host)) {
            return true; // behind a proxy, the port the browser used is the proxy's
        }
        return ownHosts.contains(host) && (p < 0 || p == port);
    }

    private boolean isOwnOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false; // "null": a sandboxed frame, a file:// page
        }
        String host = bare(uri.getHost()).toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(host)) {
            return true;
        }
        int p = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return "http".equals(uri.getScheme()) && ownHosts.contains(host) && p == port;
    }

    /** The host of a {@code Host} header value: {@code [::1]:8081} gives {@code ::1}. */
    static String hostOf(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.substring(0, colon);
    }

    /** The port of a {@code Host} header value, or -1 when it has none. */
    private static int portOf(String hostHeader) {
        String h = hostHeader.strip();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || (h.startsWith("[") && colon < h.indexOf(']'))) {
            return -1;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -2; // no port this server has
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
