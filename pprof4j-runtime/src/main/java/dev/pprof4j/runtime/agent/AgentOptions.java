package dev.pprof4j.runtime.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's options, parsed from the {@code -javaagent:jar=key=value,key=value} string
 * (the same string {@code pprof4j attach} passes and {@link dev.pprof4j.Pprof4j#start(String)}
 * takes). Unknown keys are refused with the list of known ones, so a typo does not silently
 * leave the agent on defaults.
 */
public final class AgentOptions {
    /** Every key the agent understands; a collector that adds an option adds its key here. */
    static final Set<String> KNOWN = Set.of(
            "port", "host", "token", "tokenfile", "allowhosts", "maxseconds", "maxrequests", "stwbudget",
            // read by the engines (see dev.pprof4j.runtime.collect.Collectors): CPU engine choice, heap sampling rate,
            // CPU budget and stack depth, history
            "cpuengine", "cpuevent", "memprofilerate", "memprofilebudget", "profstackdepth", "history", "historysize",
            "historyhistograms", "historybytes",
            // block and mutex sampling (Go's SetBlockProfileRate / SetMutexProfileFraction) and their engine
            "blockprofilerate", "mutexprofilefraction", "contentionengine",
            // events=off: no always-on JFR stream (no threadcreate, created-by, allocs fallback, block, mutex)
            "events",
            // push to Pyroscope (see dev.pprof4j.runtime.push.PushSettings)
            "pyroscope", "app", "pushinterval", "labels", "pushapi", "pyroscopetokenfile", "pyroscopeuser",
            "pyroscopepasswordfile", "pyroscopetenant");

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
                if (!KNOWN.contains(key)) {
                    throw new IllegalArgumentException("unknown option '" + key + "'; known options: "
                            + String.join(", ", new TreeSet<>(KNOWN)));
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

    public int port() {
        return intValue("port", DEFAULT_PORT, 0, 65535);
    }

    public String host() {
        return values.getOrDefault("host", DEFAULT_HOST);
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
        String file = values.get("tokenfile");
        if (file != null && !file.isEmpty()) {
            try {
                String first = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)).stream()
                        .map(String::trim).filter(line -> !line.isEmpty()).findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new IllegalArgumentException("tokenfile=" + file + " is empty; write the token on its first line");
                }
                return first;
            } catch (java.io.IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("tokenfile=" + file + " cannot be read (" + e.getMessage()
                        + "); give a readable file holding the token");
            }
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
        String text = values.get("allowhosts");
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (String name : text.split("[,;\\s]+")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * The share of wall time, over any 60 s, that requests may keep the application stopped
     * ({@code stwbudget}, per cent, default 5; beyond it such requests get 429).
     */
    public double stopTheWorldShare() {
        String text = values.getOrDefault("stwbudget", "5");
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text.trim();
        try {
            double percent = Double.parseDouble(number);
            if (percent > 0 && percent <= 100) {
                return percent / 100;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("stwbudget=" + text + " is not a per cent of wall time above 0 and up to 100"
                + " (default 5)");
    }

    public int maxSeconds() {
        return intValue("maxseconds", DEFAULT_MAX_SECONDS, 1, 86_400);
    }

    public int maxRequests() {
        return intValue("maxrequests", DEFAULT_MAX_REQUESTS, 2, 256);
    }

    /**
     * Frames kept per heap sample's stack ({@code profstackdepth}, after Go's
     * {@code GODEBUG=profstackdepth}); deeper stacks keep their leaf-most frames.
     */
    public int profStackDepth() {
        return intValue("profstackdepth", dev.pprof4j.runtime.collect.heap.HeapSampler.DEFAULT_MAX_DEPTH, 1,
                dev.pprof4j.runtime.collect.heap.HeapSampler.MAX_DEPTH);
    }

    /**
     * The heap sampler's CPU budget as a share ({@code memprofilebudget} is in per cent of the
     * process's CPU, {@code 0.5} or {@code 0.5%}; 0 keeps {@code memprofilerate} fixed). Left out,
     * it is the default budget only where {@code memprofilerate} is left out too: a rate asked
     * for is kept, as Go keeps a {@code MemProfileRate} set, unless a budget is asked for as well.
     */
    public double memProfileBudget() {
        String text = values.get("memprofilebudget");
        if (text == null) {
            return values.containsKey("memprofilerate") ? 0 : dev.pprof4j.runtime.collect.heap.HeapSampler.DEFAULT_BUDGET;
        }
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
        try {
            double percent = Double.parseDouble(number);
            if (percent >= 0 && percent <= 50) {
                return percent / 100;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("memprofilebudget=" + text
                + " is not a per cent of CPU from 0 to 50 (0 keeps memprofilerate fixed)");
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

    private void validate() {
        dev.pprof4j.runtime.collect.cpu.CpuEngines.validate(values.get("cpuengine"), values.get("cpuevent"));
        port();
        maxSeconds();
        maxRequests();
        stopTheWorldShare();
        token();
        profStackDepth();
        memProfileBudget();
        String events = values.getOrDefault("events", "on");
        if (!events.equals("on") && !events.equals("off")) {
            throw new IllegalArgumentException("events=" + events + " is not on or off");
        }
        dev.pprof4j.runtime.collect.history.HistorySettings.from(this);
        dev.pprof4j.runtime.collect.contention.ContentionSettings.from(this);
        dev.pprof4j.runtime.push.PushSettings.from(this, System.getenv());
        try {
            InetAddress.getByName(host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host=" + host() + " does not resolve; use an address such as 127.0.0.1");
        }
        if (!bindsLoopback() && token() == null) {
            throw new IllegalArgumentException("host=" + host() + " is not a loopback address: set token=<secret>"
                    + " so that only clients with the token can read profiles");
        }
    }

    private int intValue(String key, int defaultValue, int min, int max) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + text + " is not a number from " + min + " to " + max);
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
