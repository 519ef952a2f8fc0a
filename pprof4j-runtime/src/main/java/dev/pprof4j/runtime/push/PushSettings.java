package dev.pprof4j.runtime.push;

import dev.pprof4j.protocol.GoDurations;
import dev.pprof4j.runtime.agent.AgentOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The push options, read and checked at start: {@code pyroscope=URL} turns pushing on,
 * {@code app=NAME} names the service ({@code service_name}), {@code pushinterval=} (Go
 * duration, default 15s, as Alloy scrapes), {@code labels=} ({@link PushLabels}),
 * {@code pushapi=push|ingest}, and the credentials ({@link PushCredentials}).
 *
 * @param server   the server's base URL, without a trailing slash
 * @param api      {@code push} (connect Push API, the default) or {@code ingest} (the older
 *                 {@code /ingest} endpoint, for servers before the Push API)
 */
public record PushSettings(URI server, String app, Duration interval, Map<String, String> labels,
        PushCredentials credentials, String api) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    /** Below a second the pusher's own cost grows past its budget; above 10 m a window nears Pyroscope's 1 h age limit. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(10);
    private static final java.util.regex.Pattern APP = java.util.regex.Pattern.compile("[A-Za-z0-9._/-]{1,256}");

    /** The option keys this class reads, for the agent's list of known options. */
    public static final java.util.List<String> KEYS = java.util.List.of("pyroscope", "app", "pushinterval", "labels",
            "pushapi", "pyroscopetokenfile", "pyroscopeuser", "pyroscopepasswordfile", "pyroscopetenant");

    /**
     * Empty when {@code pyroscope=} is not set (and no other push option is).
     *
     * @param env the environment, for credentials ({@link System#getenv()})
     * @throws IllegalArgumentException with one line naming the option and what to write
     */
    public static Optional<PushSettings> from(AgentOptions options, Map<String, String> env) {
        String url = options.get("pyroscope", null);
        if (url == null || url.isBlank()) {
            for (String key : KEYS) {
                if (options.get(key, null) != null) {
                    throw new IllegalArgumentException(key + "= needs pyroscope=<server URL> to push to");
                }
            }
            return Optional.empty();
        }
        URI server = server(url);
        String app = options.get("app", null);
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("pyroscope=" + url + " needs app=<service name> (Pyroscope's service_name)");
        }
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("app=" + app + " is not a service name: letters, digits and . _ / -,"
                    + " at most 256 characters");
        }
        String intervalText = options.get("pushinterval", null);
        Duration interval = DEFAULT_INTERVAL;
        if (intervalText != null) {
            try {
                interval = GoDurations.parse(intervalText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pushinterval=" + intervalText + ": " + e.getMessage());
            }
            if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                throw new IllegalArgumentException("pushinterval=" + intervalText + " is not from 1s to 10m (default 15s)");
            }
        }
        String api = options.get("pushapi", "push").toLowerCase(Locale.ROOT);
        if (!api.equals("push") && !api.equals("ingest")) {
            throw new IllegalArgumentException("pushapi=" + api + " is not push or ingest (ingest: servers before the Push API)");
        }
        PushCredentials credentials = PushCredentials.of(options.get("pyroscopetokenfile", null),
                options.get("pyroscopeuser", null), options.get("pyroscopepasswordfile", null),
                options.get("pyroscopetenant", null), env);
        if (credentials.hasSecret() && server.getScheme().equals("http") && !isLoopback(server.getHost())) {
            throw new IllegalArgumentException("pyroscope=" + url + " is plain http to another host: the credentials"
                    + " would travel in clear text; use https://");
        }
        Map<String, String> labels = PushLabels.parse(options.get("labels", null));
        if (api.equals("ingest")) {
            if (app.contains("/")) {
                throw new IllegalArgumentException("app=" + app + ": pushapi=ingest takes letters, digits and . _ -"
                        + " in a service name (its name=app{k=v} parameter), not /");
            }
            for (Map.Entry<String, String> label : labels.entrySet()) {
                // /ingest carries labels in its name=app{k=v,k=v} parameter, which has no escapes.
                if (label.getValue().matches(".*[{}=,].*")) {
                    throw new IllegalArgumentException("labels=" + options.get("labels", null) + ": the value of '"
                            + label.getKey() + "' holds one of { } = , which pushapi=ingest cannot carry in name=app{k=v}");
                }
            }
        }
        return Optional.of(new PushSettings(server, app, interval, labels, credentials, api));
    }

    private static URI server(String url) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("pyroscope=" + url + " is not a URL (e.g. pyroscope=http://pyroscope:4040)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("pyroscope=" + redactUserInfo(url) + " is not an http(s) server URL"
                    + " without query or user info (e.g. pyroscope=http://pyroscope:4040; credentials go in"
                    + " pyroscopetokenfile= or pyroscopeuser=)");
        }
        return uri;
    }

    private static String redactUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** How the settings read in a log line: no credentials, only their kind. */
    @Override
    public String toString() {
        return server + " app=" + app + " every " + GoDurations.format(interval) + " labels=" + labels
                + " auth=" + credentials + " api=" + api;
    }
}
