package dev.pprof4j.runtime.agent;

import dev.pprof4j.runtime.collect.history.HistorySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, parsed from the {@code -javaagent:jar=key=value,key=value} string
 * (the same string {@code pprof4j attach} passes and {@link dev.pprof4j.Pprof4j#start(String)}
 * takes). Every option is a row of {@link AgentOptionTable}; {@link #parse} refuses an unknown
 * key with the list of known ones, and checks every value (and the options that only mean
 * something together) before anything starts, so a typo or a bad value stops the start with
 * one line instead of silently leaving the agent on defaults.
 */
public final class AgentOptions {
    public static final int DEFAULT_PORT = 6060;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_SECONDS = 300;
    public static final int DEFAULT_MAX_REQUESTS = 8;

    private final Map<String, String> values;

    private AgentOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static AgentOptions defaults() {
        return new AgentOptions(new LinkedHashMap<>());
    }

    /**
     * Parses {@code key=value,key=value}; null or blank means defaults. Keys are
     * case-insensitive.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static AgentOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            String listKey = null;
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0 && listKey != null) {
                    // allowhosts=a.example,b.example: a bare name continues the list before it
                    values.merge(listKey, part.trim(), (a, b) -> a + "," + b);
                    continue;
                }
                if (eq <= 0) {
                    throw new IllegalArgumentException("option '" + part.trim()
                            + "' is not key=value (e.g. port=6060,host=127.0.0.1)");
                }
                String key = part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
                if (AgentOptionTable.named(key).isEmpty()) {
                    throw new IllegalArgumentException("unknown option '" + key + "'; known options: "
                            + String.join(", ", AgentOptionTable.names()));
                }
                values.put(key, part.substring(eq + 1).trim());
                listKey = key.equals("allowhosts") ? key : null;
            }
        }
        AgentOptions options = new AgentOptions(values);
        options.validate();
        return options;
    }

    /** A copy with {@code key} set, e.g. {@code withValue("port", "0")}. */
    public AgentOptions with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key.toLowerCase(java.util.Locale.ROOT), value);
        return parse(format(copy));
    }

    /**
     * The value of {@code option}: parsed from what was given, else its default.
     *
     * @throws IllegalArgumentException never after {@link #parse}, which checked every value
     */
    public <T> T value(AgentOption<T> option) {
        String text = values.get(option.name());
        return text == null ? option.defaultValue() : option.parse(text);
    }

    public int port() {
        return value(AgentOptionTable.PORT);
    }

    public String host() {
        return value(AgentOptionTable.HOST);
    }

    /** The environment variable the agent (and the CLI) read a token from. */
    public static final String TOKEN_ENV = "PPROF4J_TOKEN";

    /**
     * The bearer token every request must carry, or null when none is required: {@code token=},
     * else the first line of {@code tokenfile=PATH}, else the environment's
     * {@value #TOKEN_ENV}. The file and the environment keep the secret out of the command line
     * ({@code ps}, {@code /proc/PID/cmdline}, the {@code cmdline} endpoint).
     *
     * @throws IllegalArgumentException when {@code tokenfile} cannot be read or is empty
     */
    public String token() {
        String token = values.get("token");
        if (token != null && !token.isEmpty()) {
            return token;
        }
        String fromFile = value(AgentOptionTable.TOKENFILE);
        if (fromFile != null) {
            return fromFile;
        }
        String env = System.getenv(TOKEN_ENV);
        return env == null || env.isBlank() ? null : env.trim();
    }

    /**
     * Host names besides the bound address, {@code localhost} and IP literals that requests may
     * name in {@code Host} ({@code allowhosts=a.example,b.example}, for a reverse proxy): any
     * other name is refused, which is what stops DNS rebinding.
     */
    public Set<String> allowHosts() {
        return value(AgentOptionTable.ALLOWHOSTS);
    }

    /**
     * The share of wall time, over any 60 s, that requests may keep the application stopped
     * ({@code stwbudget}, per cent, default 5; beyond it such requests get 429).
     */
    public double stopTheWorldShare() {
        return value(AgentOptionTable.STWBUDGET);
    }

    public int maxSeconds() {
        return value(AgentOptionTable.MAXSECONDS);
    }

    public int maxRequests() {
        return value(AgentOptionTable.MAXREQUESTS);
    }

    /** Bytes between heap samples ({@code memprofilerate}, Go's {@code MemProfileRate}); 0 turns sampling off. */
    public int memProfileRate() {
        return value(AgentOptionTable.MEMPROFILERATE);
    }

    /**
     * Frames kept per heap sample's stack ({@code profstackdepth}, after Go's
     * {@code GODEBUG=profstackdepth}); deeper stacks keep their leaf-most frames.
     */
    public int profStackDepth() {
        return value(AgentOptionTable.PROFSTACKDEPTH);
    }

    /**
     * The heap sampler's CPU budget as a share ({@code memprofilebudget} is in per cent of the
     * process's CPU, {@code 0.5} or {@code 0.5%}; 0 keeps {@code memprofilerate} fixed). Left out,
     * it is the default budget only where {@code memprofilerate} is left out too: a rate asked
     * for is kept, as Go keeps a {@code MemProfileRate} set, unless a budget is asked for as well.
     */
    public double memProfileBudget() {
        if (!values.containsKey("memprofilebudget") && values.containsKey("memprofilerate")) {
            return 0;
        }
        return value(AgentOptionTable.MEMPROFILEBUDGET);
    }

    /** The snapshot history's settings ({@code history}, {@code historysize}, {@code historybytes}, {@code historyhistograms}). */
    public HistorySettings history() {
        java.time.Duration interval = value(AgentOptionTable.HISTORY);
        if (interval.isZero()) {
            return HistorySettings.OFF;
        }
        return new HistorySettings(interval, value(AgentOptionTable.HISTORYSIZE),
                value(AgentOptionTable.HISTORYHISTOGRAMS).equals("on"), value(AgentOptionTable.HISTORYBYTES));
    }

    /** A raw value for an engine's own option, or {@code defaultValue}. */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** True when the address to bind is a loopback address (then no token is required). */
    public boolean bindsLoopback() {
        try {
            return InetAddress.getByName(host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Every value given, then what only holds across options; each refusal is one line naming the option. */
    private void validate() {
        values.forEach((key, text) -> AgentOptionTable.named(key).orElseThrow().parse(text));
        dev.pprof4j.runtime.push.PushSettings.from(this, System.getenv());
        if (!bindsLoopback() && token() == null) {
            throw new IllegalArgumentException("host=" + host() + " is not a loopback address: set token=<secret>"
                    + " so that only clients with the token can read profiles");
        }
    }

    private static String format(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return text.toString();
    }

    /** What a secret is shown as. */
    public static final String MASK = "***";

    /**
     * {@code text} with the token replaced by {@value #MASK} wherever it occurs, for anything
     * the agent shows (its command line, {@code /debug/vars}, log lines).
     */
    public String masked(String text) {
        String token;
        try {
            token = token();
        } catch (IllegalArgumentException e) {
            token = null;
        }
        String shown = token == null || token.isEmpty() ? text : text.replace(token, MASK);
        // a token= in an argument that is not this agent's (a second -javaagent, a typo'd start)
        return shown.replaceAll("(?i)(\\btoken=)[^,\\s]+", "$1" + MASK);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.computeIfPresent("token", (k, v) -> MASK);
        return format(shown);
    }
}
