package dev.pprof4j.runtime.agent;

import dev.pprof4j.runtime.collect.contention.ContentionSettings;
import dev.pprof4j.runtime.collect.cpu.CpuEngines;
import dev.pprof4j.runtime.collect.heap.HeapSampler;
import dev.pprof4j.runtime.collect.history.HistorySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every option the agent knows, in the order docs/RUNTIME.md shows them: the one table from which
 * options are parsed, checked before anything starts, and documented ({@link #markdown()};
 * {@code AgentOptionTableTest} fails when RUNTIME.md's table is not this one). pprof's driver
 * keeps its flags the same way, in one {@code config} table.
 *
 * <p>Options that only mean something together (the push options) are checked together by their
 * owner, {@link dev.pprof4j.runtime.push.PushSettings}, also before anything starts.
 */
public final class AgentOptionTable {
    public static final AgentOption<Integer> PORT = AgentOption.integer("port", "a number", 0, 65535, 6060, "",
            "port to bind; 0 picks a free one (published as the `pprof4j.address` system property and on standard error)");
    public static final AgentOption<String> HOST = new AgentOption<>("host", "address or host name", "127.0.0.1",
            "127.0.0.1", AgentOptionTable::resolvable,
            "address to bind; a non-loopback address requires `token`");
    public static final AgentOption<String> TOKEN = AgentOption.text("token", "secret", "none",
            "every request must carry it (`Authorization: Bearer …` or `?token=`), else 401; visible in `ps`, so prefer"
                    + " `tokenfile` or the environment variable `PPROF4J_TOKEN`, read when neither `token` nor `tokenfile`"
                    + " is given. Never shown: `cmdline`, `/debug/vars` and the agent's output print `***`");
    public static final AgentOption<String> TOKENFILE = new AgentOption<>("tokenfile", "file", "none", null,
            AgentOptionTable::tokenFromFile,
            "a file whose first non-blank line is the token (used when `token` is not given); unreadable or empty stops"
                    + " the start with one line");
    public static final AgentOption<Set<String>> ALLOWHOSTS = new AgentOption<>("allowhosts", "host names", "none",
            Set.of(), AgentOptionTable::hostNames,
            "names besides IP literals, `localhost` and `host=` that a request's `Host` may carry, e.g."
                    + " `allowhosts=pprof.internal,b.example` behind a reverse proxy; any other name is refused with 403"
                    + " (DNS rebinding; docs/SECURITY.md)");
    public static final AgentOption<Integer> MAXSECONDS = AgentOption.integer("maxseconds", "a number", 1, 86_400, 300,
            "", "the longest `seconds=` a request may ask for (400 beyond)");
    public static final AgentOption<Double> STWBUDGET = AgentOption.percent("stwbudget", 0, false, 100, "5",
            "a per cent of wall time above 0 and up to 100 (default 5)",
            "per cent of wall time, over any 60 s, that requests may keep the application stopped (`gc=1`,"
                    + " `heap?debug=1`, `goroutine?debug=2`, retainers walks); beyond it they get 429 saying when to"
                    + " retry, and a walk's `max_ms` is cut to what is left (docs/SECURITY.md)");
    public static final AgentOption<Integer> MAXREQUESTS = AgentOption.integer("maxrequests", "a number", 2, 256, 8, "",
            "requests served at once; one more gets 503 at once with a one-line reason");
    public static final AgentOption<String> CPUENGINE = blankIsDefault(AgentOption.oneOf("cpuengine",
            CpuEngines.ENGINES, "auto", " is not one of " + String.join(", ", CpuEngines.ENGINES),
            "CPU engine: `auto` is async-profiler before JDK 25 and JFR from 25, each with the other behind it"
                    + " (\"CPU engines\" below; docs/DECISIONS.md)"));
    public static final AgentOption<String> CPUEVENT = new AgentOption<>("cpuevent", "`+` list of cpu, ctimer, itimer",
            "cpu+ctimer+itimer", null, AgentOptionTable::cpuEvents,
            "async-profiler's CPU events, tried in this order until one starts");
    public static final AgentOption<Integer> MEMPROFILERATE = AgentOption.integer("memprofilerate", "a number of bytes",
            0, Integer.MAX_VALUE, HeapSampler.DEFAULT_RATE, " (0 turns heap sampling off)",
            "bytes between heap samples (Go's `runtime.MemProfileRate`); 0 turns the JVMTI heap sampler off"
                    + " (docs/HEAP.md)");
    public static final AgentOption<Double> MEMPROFILEBUDGET = AgentOption.percent("memprofilebudget", 0, true, 50,
            "0.5", "a per cent of CPU from 0 to 50 (0 keeps memprofilerate fixed)",
            "per cent of the process's CPU the heap sampler may take (default 0.5, or 0 when `memprofilerate` is"
                    + " given): above it the interval rises over `memprofilerate` (each sample still scaled by its own"
                    + " interval), and comes back when allocation slows; 0 keeps `memprofilerate` fixed whatever it"
                    + " costs (docs/HEAP.md, \"The CPU budget\")");
    public static final AgentOption<Integer> PROFSTACKDEPTH = AgentOption.integer("profstackdepth", "a number", 1,
            HeapSampler.MAX_DEPTH, HeapSampler.DEFAULT_MAX_DEPTH, "",
            "frames kept per heap sample's stack, the leaf-most ones (Go's `GODEBUG=profstackdepth`). Each frame costs"
                    + " the allocating thread about 0.1 µs per sample on JDK 17 and 0.1–0.2 µs on JDK 25, so deeper is"
                    + " dearer (docs/HEAP.md, \"Stack depth\")");
    public static final AgentOption<Long> BLOCKPROFILERATE = AgentOption.count("blockprofilerate", Long.MAX_VALUE,
            ContentionSettings.DEFAULT_BLOCK_RATE,
            "nanoseconds of waiting per sample (Go's SetBlockProfileRate; 0 turns block off)",
            "Go's `runtime.SetBlockProfileRate`, in nanoseconds: a wait of d ns is kept in `block` with probability"
                    + " min(1, d/rate), and one shorter than the rate is scaled by rate/d, so every wait length is"
                    + " counted without bias; 1 keeps every wait, 0 turns `block` off (see \"block and mutex\" below)");
    public static final AgentOption<Long> MUTEXPROFILEFRACTION = AgentOption.count("mutexprofilefraction",
            Integer.MAX_VALUE, ContentionSettings.DEFAULT_MUTEX_FRACTION,
            "one contention in N sampled (Go's SetMutexProfileFraction; 0 turns mutex off)",
            "Go's `runtime.SetMutexProfileFraction`: one contention in this many is kept in `mutex` and scaled by it;"
                    + " 0 turns `mutex` off. Left at its default, holders' stacks are taken for at most 20 samples a"
                    + " second; asked for, for every sample (below)");
    public static final AgentOption<String> CONTENTIONENGINE = AgentOption.oneOf("contentionengine",
            List.of("auto", "jvmti", "async-profiler", "jfr"), "auto", " is not one of auto, jvmti, async-profiler, jfr",
            "`block`/`mutex` engine: `jvmti` (libpprof4j, what `auto` picks where it loads), `async-profiler`"
                    + " (async-profiler's `lock` engine with `lock=` set to `blockprofilerate`; CPU profiles then come"
                    + " from JFR) or `jfr` (JFR events over 10 ms: biased against short waits, and the profile says so)");
    public static final AgentOption<String> EVENTS = AgentOption.oneOf("events", List.of("on", "off"), "on",
            " is not on or off",
            "`off` stops the always-on JFR stream: `threadcreate`, `created by`, the JFR allocation fallback, `block`"
                    + " and `mutex` then answer 503 saying so. `trace` still works (its own recording)");
    public static final AgentOption<Duration> HISTORY = AgentOption.duration("history", "1m",
            HistorySettings.MIN_INTERVAL, HistorySettings.MAX_INTERVAL, true, " (history=0 turns it off)",
            " must be from 1s to 24h, or 0 to turn the history off (default 1m)",
            "the snapshot history: a snapshot every interval; 0 turns it off (docs/CLI.md)");
    public static final AgentOption<Integer> HISTORYSIZE = AgentOption.integer("historysize", "a number of snapshots",
            2, HistorySettings.MAX_SIZE, HistorySettings.DEFAULT_SIZE, " (default " + HistorySettings.DEFAULT_SIZE + ")",
            "snapshots the history keeps");
    public static final AgentOption<Long> HISTORYBYTES = new AgentOption<>("historybytes", "size, 64KiB–4GiB", "16MiB",
            HistorySettings.DEFAULT_BYTES, HistorySettings::bytes,
            "the history ring's memory cap (`KiB`/`MiB`/`GiB` or bytes): past it the oldest snapshots are dropped,"
                    + " whatever `historysize` allows (a snapshot of a service with thousands of threads takes tens of"
                    + " KB)");
    public static final AgentOption<String> HISTORYHISTOGRAMS = AgentOption.oneOf("historyhistograms",
            List.of("on", "off"), "off",
            " must be on or off (default off: each histogram is a stop-the-world full GC)",
            "`on` adds the class histogram's top rows to snapshots now and then (each is a stop-the-world full GC, so"
                    + " at most every fifth tick and 0.5 % of the time)");
    public static final AgentOption<String> PYROSCOPE = AgentOption.text("pyroscope", "URL", "none",
            "push to Grafana Pyroscope at this URL (`http://pyroscope:4040`, or a Grafana Cloud profiles URL) through"
                    + " its Push API; every other push option needs it (docs/FLEET.md, \"Push to Pyroscope\")");
    public static final AgentOption<String> APP = AgentOption.text("app", "service name",
            "none (required with `pyroscope`)",
            "the service's name, Pyroscope's `service_name`: letters, digits and `. _ / -`");
    public static final AgentOption<String> PUSHINTERVAL = AgentOption.text("pushinterval", "Go duration, 1s–10m",
            "15s", "window length; each push carries that window's CPU, allocations (in-use at its end), block, mutex"
                    + " and goroutines");
    public static final AgentOption<String> LABELS = AgentOption.text("labels", "`;` list of name:value", "none",
            "more labels on every pushed series, separated by `;` so they fit in the comma list:"
                    + " `labels=env:prod;region:eu`. Prometheus label names, not `__…` nor `service_name`, at most 28");
    public static final AgentOption<String> PUSHAPI = AgentOption.text("pushapi", "push \\| ingest", "push",
            "`ingest` sends to the older `/ingest` endpoint instead (CPU, memory and mutex only, one request each;"
                    + " `app=` without `/`, label values without `{ } = ,`), for servers without the Push API");
    public static final AgentOption<String> PYROSCOPETOKENFILE = AgentOption.text("pyroscopetokenfile", "file",
            "env `PYROSCOPE_AUTH_TOKEN`",
            "a file holding a bearer token. Secrets never go in the option string: the command line is echoed by"
                    + " `/debug/pprof/cmdline` and `/debug/vars`");
    public static final AgentOption<String> PYROSCOPEUSER = AgentOption.text("pyroscopeuser", "user name",
            "env `PYROSCOPE_BASIC_AUTH_USER`",
            "basic auth's user (Grafana Cloud: the stack's user id), with `pyroscopepasswordfile`");
    public static final AgentOption<String> PYROSCOPEPASSWORDFILE = AgentOption.text("pyroscopepasswordfile", "file",
            "env `PYROSCOPE_BASIC_AUTH_PASSWORD`",
            "basic auth's password (Grafana Cloud: an access-policy token). A secret over plain `http://` to a"
                    + " non-loopback host is refused");
    public static final AgentOption<String> PYROSCOPETENANT = AgentOption.text("pyroscopetenant", "tenant id",
            "env `PYROSCOPE_TENANT_ID`", "sent as `X-Scope-OrgID` for a multi-tenant Pyroscope");

    /** Every option, in the docs' order. */
    public static final List<AgentOption<?>> ALL = List.of(PORT, HOST, TOKEN, TOKENFILE, ALLOWHOSTS, MAXSECONDS,
            STWBUDGET, MAXREQUESTS, CPUENGINE, CPUEVENT, MEMPROFILERATE, MEMPROFILEBUDGET, PROFSTACKDEPTH,
            BLOCKPROFILERATE, MUTEXPROFILEFRACTION, CONTENTIONENGINE, EVENTS, HISTORY, HISTORYSIZE, HISTORYBYTES,
            HISTORYHISTOGRAMS, PYROSCOPE, APP, PUSHINTERVAL, LABELS, PUSHAPI, PYROSCOPETOKENFILE, PYROSCOPEUSER,
            PYROSCOPEPASSWORDFILE, PYROSCOPETENANT);

    private AgentOptionTable() {
    }

    /** The option named {@code name} (lower case), if the agent knows it. */
    public static Optional<AgentOption<?>> named(String name) {
        for (AgentOption<?> option : ALL) {
            if (option.name().equals(name)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** The names, sorted, for the refusal of an unknown one. */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        ALL.forEach(option -> names.add(option.name()));
        return Collections.unmodifiableSet(names);
    }

    /** docs/RUNTIME.md's options table, as it must read. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| option | type | default | what it does |\n|---|---|---|---|\n");
        for (AgentOption<?> option : ALL) {
            out.append("| `").append(option.name()).append("` | ").append(option.type()).append(" | ")
                    .append(option.defaultText()).append(" | ").append(option.help()).append(" |\n");
        }
        return out.toString();
    }

    private static String resolvable(String host) {
        try {
            InetAddress.getByName(host);
            return host;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host=" + host + " does not resolve; use an address such as 127.0.0.1");
        }
    }

    private static String tokenFromFile(String file) {
        if (file.isEmpty()) {
            return null;
        }
        try {
            String first = Files.readAllLines(Path.of(file)).stream()
                    .map(String::trim).filter(line -> !line.isEmpty()).findFirst().orElse("");
            if (first.isEmpty()) {
                throw new IllegalArgumentException("tokenfile=" + file + " is empty; write the token on its first line");
            }
            return first;
        } catch (java.io.IOException | java.io.UncheckedIOException | InvalidPathException e) {
            throw new IllegalArgumentException("tokenfile=" + file + " cannot be read (" + e.getMessage()
                    + "); give a readable file holding the token");
        }
    }

    private static Set<String> hostNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String name : text.split("[,;\\s]+")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static AgentOption<String> blankIsDefault(AgentOption<String> option) {
        return new AgentOption<>(option.name(), option.type(), option.defaultText(), option.defaultValue(),
                text -> text.isBlank() ? option.defaultValue() : option.parse(text), option.help());
    }

    private static String cpuEvents(String text) {
        CpuEngines.validate(null, text);
        return text;
    }
}
