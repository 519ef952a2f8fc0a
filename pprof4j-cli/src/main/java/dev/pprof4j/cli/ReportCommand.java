package dev.pprof4j.cli;

import dev.pprof4j.cli.input.JfrEventKind;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportConfig.Granularity;
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

    // The options' values; ReportFlags is their table (names, labels, help), apply() sets them.
    boolean top;
    boolean traces;
    boolean tree;
    String peek;
    boolean raw;
    boolean proto;
    boolean flame;
    boolean svg;
    String http;
    boolean httpAllowRemote;
    String sourcePathOption = "";
    final List<String> httpAllowHosts = new ArrayList<>();
    Path output;

    String sampleIndex = "";
    boolean inuseSpace;
    boolean inuseObjects;
    boolean allocSpace;
    boolean allocObjects;
    boolean totalDelay;
    boolean contentions;
    boolean cum;
    boolean flat;
    int nodeCount = -1;
    double nodeFraction = 0.005;
    double edgeFraction = 0.001;
    String unit = "minimum";
    boolean functions;
    boolean lines;
    boolean files;

    String focus = "";
    String ignore = "";
    String hide = "";
    String show = "";

    List<String> base = new ArrayList<>();
    List<String> diffBase = new ArrayList<>();
    int seconds = -1;
    int timeout = -1;
    long maxBytes = Sources.DEFAULT_MAX_BYTES;
    Path tokenFile;
    Set<JfrEventKind> jfrEvents = JfrEventKind.all();

    boolean verbose;

    final List<String> sources = new ArrayList<>();

    /**
     * Sets the option {@code flag} to {@code value} (a switch's value is "true" or "false").
     * A string switch, not a setter per table row: lambdas would each cost a bootstrap at
     * start-up, which is what the hand-written table is there to avoid.
     */
    void apply(ReportFlags.Flag flag, String value) {
        boolean on = value.equals("true");
        switch (flag.name()) {
            case "top" -> top = on;
            case "traces" -> traces = on;
            case "tree" -> tree = on;
            case "peek" -> peek = value;
            case "raw" -> raw = on;
            case "proto" -> proto = on;
            case "flame" -> flame = on;
            case "svg" -> svg = on;
            case "http" -> http = value;
            case "http_allow_remote" -> httpAllowRemote = on;
            case "source_path" -> sourcePathOption = value;
            case "http_allow_host" -> httpAllowHosts.addAll(hosts(value));
            case "output" -> output = path(flag, value);
            case "sample_index" -> sampleIndex = value;
            case "inuse_space" -> inuseSpace = on;
            case "inuse_objects" -> inuseObjects = on;
            case "alloc_space" -> allocSpace = on;
            case "alloc_objects" -> allocObjects = on;
            case "total_delay" -> totalDelay = on;
            case "contentions" -> contentions = on;
            case "cum" -> cum = on;
            case "flat" -> flat = on;
            case "nodecount" -> nodeCount = (int) number(flag, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "nodefraction" -> nodeFraction = fraction(flag, value);
            case "edgefraction" -> edgeFraction = fraction(flag, value);
            case "unit" -> unit = value;
            case "functions" -> functions = on;
            case "lines" -> lines = on;
            case "files" -> files = on;
            case "focus" -> focus = value;
            case "ignore" -> ignore = value;
            case "hide" -> hide = value;
            case "show" -> show = value;
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

    private static double fraction(ReportFlags.Flag flag, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageError("invalid value for -" + flag.name() + ": '" + value + "' is not a number", e);
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
                .savingFetched(SavedProfiles.inEnvironment(System.getenv(), err));
        if (http != null) {
            return WebOutputs.serve(new WebOutputs.Inputs(src, sources, base, diffBase), http, httpAllowRemote,
                    httpAllowHosts, sourcePath(), err);
        }
        if (flame) {
            return WebOutputs.flame(new WebOutputs.Inputs(src, sources, base, diffBase), config, svg, output, out, err);
        }
        Profile profile = src.load(sources, base, diffBase);
        return Outputs.write(profile, config, output, out, err);
    }

    private List<Path> sourcePath() {
        List<Path> dirs = new ArrayList<>();
        for (String dir : sourcePathOption.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    /** The options as a report configuration; refuses contradictory ones. */
    ReportConfig config() {
        ReportConfig c = new ReportConfig();
        List<ReportFormat> formats = new ArrayList<>();
        if (top) {
            formats.add(ReportFormat.TOP);
        }
        if (traces) {
            formats.add(ReportFormat.TRACES);
        }
        if (tree) {
            formats.add(ReportFormat.TREE);
        }
        if (peek != null) {
            formats.add(ReportFormat.PEEK);
            c.peekRegex = peek;
        }
        if (raw) {
            formats.add(ReportFormat.RAW);
        }
        if (proto) {
            formats.add(ReportFormat.PROTO);
        }
        if (flame) {
            formats.add(ReportFormat.FLAME);
        }
        if (svg && !flame) { // -flame -svg is a flame graph as SVG
            formats.add(ReportFormat.SVG);
        }
        if (formats.size() > 1) {
            throw new CliError("must set at most one output format, got " + formats);
        }
        if (!formats.isEmpty() && http != null) {
            throw new CliError("-http is not compatible with an output format on the command line");
        }
        c.format = formats.isEmpty() ? ReportFormat.TOP : formats.get(0);
        c.sampleIndex = legacySampleIndex();
        if (cum && flat) {
            throw new CliError("conflicting options set: [cum flat]");
        }
        c.cumSort = cum;
        c.nodeCount = nodeCount;
        c.nodeFraction = nodeFraction;
        c.edgeFraction = edgeFraction;
        c.unit = unit;
        int grains = (functions ? 1 : 0) + (lines ? 1 : 0) + (files ? 1 : 0);
        if (grains > 1) {
            throw new CliError("conflicting options set: choose one of -functions, -lines, -files");
        }
        c.granularity = lines ? Granularity.LINES : files ? Granularity.FILES : Granularity.FUNCTIONS;
        c.focus = focus;
        c.ignore = ignore;
        c.hide = hide;
        c.show = show;
        if (!base.isEmpty() && !diffBase.isEmpty()) {
            throw new CliError("-base and -diff_base flags cannot both be specified");
        }
        return c;
    }

    /** -sample_index, else the first legacy shorthand given (pprof warns about the others). */
    private String legacySampleIndex() {
        String si = sampleIndex;
        String[][] shorthands = {
            {String.valueOf(totalDelay), "delay", "-total_delay"},
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
