package dev.pprof4j.cli;

import dev.pprof4j.cli.input.JfrEventKind;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportFormat;
import dev.pprof4j.report.Reports;
import dev.pprof4j.report.http.AgentAuth;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The report mode, go tool pprof's command line: {@code pprof4j -top [options] SOURCE...}.
 * {@link ReportFlags} is the one table of its options and reads the command line into this
 * object's fields; their values are handed inward as a {@link ReportConfig}.
 */
final class ReportCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    // The command line's own values; the report options go to settings (ReportOptions' table).
    /** The output formats given, each with its argument (-peek's, -list's regex) or "". */
    final java.util.Map<String, String> formats = new java.util.LinkedHashMap<>();
    String http;
    boolean httpAllowRemote;
    final List<String> httpAllowHosts = new ArrayList<>();
    Path output;

    boolean inuseSpace;
    boolean inuseObjects;
    boolean allocSpace;
    boolean allocObjects;
    boolean totalDelay;
    boolean meanDelay;
    boolean contentions;
    boolean noBrowser;

    /** The report options, as ReportOptions' table reads them. */
    final ReportConfig settings = new ReportConfig();
    /** Of each choice option (sort, granularity), the choices given: go tool pprof refuses two. */
    private final java.util.Map<String, java.util.Set<String>> choicesGiven = new java.util.TreeMap<>();

    List<String> base = new ArrayList<>();
    List<String> diffBase = new ArrayList<>();
    int seconds = -1;
    int timeout = -1;
    long maxBytes = Sources.DEFAULT_MAX_BYTES;
    Path tokenFile;
    Set<JfrEventKind> jfrEvents = JfrEventKind.all();

    boolean verbose;
    /** Where the shell reads commands (null: no shell), and whether it is a terminal. */
    java.io.BufferedReader stdin;
    boolean terminal;

    final List<String> sources = new ArrayList<>();

    /**
     * Sets the option {@code flag} to {@code value} (a switch's value is "true" or "false").
     * A string switch, not a setter per table row: lambdas would each cost a bootstrap at
     * start-up, which is what the hand-written table is there to avoid.
     */
    void apply(ReportFlags.Flag flag, String value) {
        boolean on = value.equals("true");
        if (flag.option() != null) {
            try {
                if (flag.option().kind() == dev.pprof4j.report.ReportOption.Kind.CHOICE) {
                    java.util.Set<String> given = choicesGiven.get(flag.option().name());
                    if (given == null) {
                        given = new java.util.TreeSet<>();
                        choicesGiven.put(flag.option().name(), given);
                    }
                    if (on) {
                        given.add(flag.name());
                    } else {
                        given.remove(flag.name());
                    }
                    settings.set(flag.name(), value); // the switch -cum stands for sort=cum
                } else {
                    settings.set(flag.name(), flag.option().check(value, "-" + flag.name()));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage(), e);
            }
            return;
        }
        if (ReportFlags.isFormat(flag)) {
            if (flag.isSwitch() && !on) {
                formats.remove(flag.name());
            } else {
                formats.put(flag.name(), flag.isSwitch() ? "" : value);
            }
            return;
        }
        switch (flag.name()) {
            case "http" -> http = value;
            case "http_allow_remote" -> httpAllowRemote = on;
            case "http_allow_host" -> httpAllowHosts.addAll(hosts(value));
            case "output" -> output = path(flag, value);
            case "inuse_space" -> inuseSpace = on;
            case "inuse_objects" -> inuseObjects = on;
            case "alloc_space" -> allocSpace = on;
            case "alloc_objects" -> allocObjects = on;
            case "total_delay" -> totalDelay = on;
            case "mean_delay" -> meanDelay = on;
            case "no_browser" -> noBrowser = on;
            case "contentions" -> contentions = on;
            case "base" -> base.add(value);
            case "diff_base" -> diffBase.add(value);
            case "seconds" -> seconds = (int) number(flag, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "timeout" -> timeout = (int) number(flag, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "token_file" -> tokenFile = path(flag, value);
            case "max_bytes" -> maxBytes = number(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "jfr_events" -> jfrEvents = jfrKinds(flag, value);
            case "verbose" -> verbose = on;
            default -> throw new IllegalStateException("ReportFlags has -" + flag.name() + " but apply() does not");
        }
    }

    private static long number(ReportFlags.Flag flag, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageError("invalid value for -" + flag.name() + ": '" + value + "' is not a whole number"
                    + (max == Integer.MAX_VALUE ? " (32 bits)" : ""), e);
        }
    }

    private static Set<JfrEventKind> jfrKinds(ReportFlags.Flag flag, String value) {
        try {
            return JfrEventKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageError("invalid value for -" + flag.name() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> hosts(String value) {
        List<String> hosts = new ArrayList<>();
        for (String host : value.split(",")) {
            if (!host.isBlank()) {
                hosts.add(host.strip());
            }
        }
        return hosts;
    }

    private static Path path(ReportFlags.Flag flag, String value) {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError("invalid value for -" + flag.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (sources.isEmpty()) {
            throw new CliError("no profile source specified (pprof4j -top FILE|URL; see pprof4j -help)");
        }
        ReportConfig config = config();
        List<String> named = new ArrayList<>(sources);
        named.addAll(base);
        named.addAll(diffBase);
        AgentAuth auth = AgentToken.resolve(tokenFile, named);
        // A token typed into a URL travels as a header and shows nowhere: not in progress
        // lines, error messages, titles or the web UI.
        sources.replaceAll(AgentAuth::withoutToken);
        base.replaceAll(AgentAuth::withoutToken);
        diffBase.replaceAll(AgentAuth::withoutToken);
        Sources src = new Sources(maxBytes, seconds, timeout, err, jfrEvents, auth)
                .savingFetched(SavedProfiles.inEnvironment(System.getenv(), err))
                .normalizing(config.normalize, !base.isEmpty() || !diffBase.isEmpty());
        WebOutputs.Inputs inputs = new WebOutputs.Inputs(src, sources, base, diffBase);
        if (http != null) {
            return WebOutputs.serve(inputs, http, httpAllowRemote, httpAllowHosts, sourcePath(config), err);
        }
        if (config.format == ReportFormat.FLAME) {
            return WebOutputs.flame(inputs, config, formats.containsKey("svg"), output, out, err);
        }
        Profile profile = src.load(sources, base, diffBase);
        if (formats.isEmpty() && stdin != null) {
            // go tool pprof enters its shell when no format is given. On a terminal, so do we;
            // from a pipe or file only when it holds a command, so `pprof4j FILE </dev/null`
            // (scripts, CI) still prints the -top report it always printed.
            String first = terminal ? null : stdin.readLine();
            if (terminal || first != null) {
                return new Shell(profile, config, String.join(" ", sources), stdin, terminal, out, err).run(first);
            }
        }
        return Outputs.write(profile, config, output, out, err);
    }

    /** The directories of {@code -source_path}. */
    static List<Path> sourcePath(ReportConfig config) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : config.sourcePath.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    /** The options as a report configuration; refuses contradictory ones. */
    ReportConfig config() {
        ReportConfig c = settings.copy();
        java.util.Map<String, String> chosen = new java.util.LinkedHashMap<>(formats);
        if (chosen.containsKey("flame")) {
            chosen.remove("svg"); // -flame -svg is a flame graph as SVG
        }
        if (chosen.size() > 1) {
            List<ReportFormat> named = new ArrayList<>();
            chosen.keySet().forEach(f -> named.add(ReportFormat.byCommand(f)));
            throw new CliError("must set at most one output format, got " + named);
        }
        if (noBrowser && http == null) {
            throw new CliError("-no_browser only makes sense with -http");
        }
        if (meanDelay) {
            c.mean = true; // go tool pprof's -mean_delay: -mean -sample_index=delay
        }
        if (!chosen.isEmpty() && http != null) {
            throw new CliError("-http is not compatible with an output format on the command line");
        }
        if (chosen.isEmpty()) {
            c.format = ReportFormat.TOP;
        } else {
            java.util.Map.Entry<String, String> f = chosen.entrySet().iterator().next();
            c.format = ReportFormat.byCommand(f.getKey());
            if (!f.getValue().isEmpty()) {
                c.peekRegex = f.getValue();
            }
        }
        c.sampleIndex = legacySampleIndex();
        java.util.Set<String> sorts = choicesGiven.getOrDefault("sort", java.util.Set.of());
        if (sorts.size() > 1) {
            throw new CliError("conflicting options set: [cum flat]");
        }
        if (choicesGiven.getOrDefault("granularity", java.util.Set.of()).size() > 1) {
            throw new CliError("conflicting options set: choose one of -functions, -filefunctions, -files, -lines, -addresses");
        }
        if (!base.isEmpty() && !diffBase.isEmpty()) {
            throw new CliError("-base and -diff_base flags cannot both be specified");
        }
        return c;
    }

    /** -sample_index, else the first legacy shorthand given (pprof warns about the others). */
    private String legacySampleIndex() {
        String si = settings.sampleIndex;
        String[][] shorthands = {
            {String.valueOf(totalDelay), "delay", "-total_delay"},
            {String.valueOf(meanDelay), "delay", "-mean_delay"},
            {String.valueOf(contentions), "contentions", "-contentions"},
            {String.valueOf(inuseSpace), "inuse_space", "-inuse_space"},
            {String.valueOf(inuseObjects), "inuse_objects", "-inuse_objects"},
            {String.valueOf(allocSpace), "alloc_space", "-alloc_space"},
            {String.valueOf(allocObjects), "alloc_objects", "-alloc_objects"},
        };
        for (String[] s : shorthands) {
            if (Boolean.parseBoolean(s[0])) {
                if (si.isEmpty()) {
                    si = s[1];
                } else {
                    err.println("Multiple value selections, ignoring " + s[2]);
                }
            }
        }
        return si;
    }
}
