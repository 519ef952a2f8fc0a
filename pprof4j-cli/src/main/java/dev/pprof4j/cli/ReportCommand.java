package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportConfig.Granularity;
import dev.pprof4j.report.ReportFormat;
import dev.pprof4j.report.Reports;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The report mode, go tool pprof's command line: {@code pprof4j -top [options] SOURCE...}.
 * This class is the one table of options (Go's single-dash long names; {@code --name},
 * {@code -name=value} and {@code -name value} all work); values are handed inward as a
 * {@link ReportConfig}.
 */
@Command(name = "pprof4j", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Analyze pprof profiles as go tool pprof does.", ""},
        footerHeading = "%nSubcommands (pprof4j NAME --help):%n")
final class ReportCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    // ---- output formats (one at most) ----
    @Option(names = {"-top", "--top", "-text", "--text"}, description = "Top entries in text form (the default)")
    boolean top;
    @Option(names = {"-traces", "--traces"}, description = "Every sample's stack in text form")
    boolean traces;
    @Option(names = {"-tree", "--tree"}, description = "Text rendering of the call graph")
    boolean tree;
    @Option(names = {"-peek", "--peek"}, paramLabel = "RE", description = "Callers and callees of functions matching RE")
    String peek;
    @Option(names = {"-raw", "--raw"}, description = "Text dump of the raw profile")
    boolean raw;
    @Option(names = {"-proto", "--proto"}, description = "The merged, filtered profile as gzipped protobuf (-output F)")
    boolean proto;
    // Web formats (helper "web" wires them in Outputs): self-contained flame graph, call graph SVG, web UI.
    @Option(names = {"-flame", "--flame"}, description = "Flame graph as self-contained HTML (-output F)")
    boolean flame;
    @Option(names = {"-svg", "--svg"}, description = "Call graph as SVG (-output F)")
    boolean svg;
    @Option(names = {"-http", "--http"}, paramLabel = "HOST:PORT", description = "Serve the interactive web UI")
    String http;
    @Option(names = {"-http_allow_remote", "--http_allow_remote"},
            description = "Let -http listen on a non-loopback address (anyone who reaches it sees the profile)")
    boolean httpAllowRemote;
    @Option(names = {"-source_path", "--source_path"}, paramLabel = "DIRS",
            description = "Where the web UI's source view looks for source files (':'-separated)")
    String sourcePathOption = "";
    @Option(names = {"-output", "--output", "-o"}, paramLabel = "FILE", description = "Write the report to FILE")
    Path output;

    // ---- what to show ----
    @Option(names = {"-sample_index", "--sample_index"}, paramLabel = "NAME|N", description = "Sample value to report")
    String sampleIndex = "";
    @Option(names = {"-inuse_space", "--inuse_space"}, description = "Same as -sample_index=inuse_space")
    boolean inuseSpace;
    @Option(names = {"-inuse_objects", "--inuse_objects"}, description = "Same as -sample_index=inuse_objects")
    boolean inuseObjects;
    @Option(names = {"-alloc_space", "--alloc_space"}, description = "Same as -sample_index=alloc_space")
    boolean allocSpace;
    @Option(names = {"-alloc_objects", "--alloc_objects"}, description = "Same as -sample_index=alloc_objects")
    boolean allocObjects;
    @Option(names = {"-total_delay", "--total_delay"}, description = "Same as -sample_index=delay")
    boolean totalDelay;
    @Option(names = {"-contentions", "--contentions"}, description = "Same as -sample_index=contentions")
    boolean contentions;
    @Option(names = {"-cum", "--cum"}, description = "Sort by cumulative value")
    boolean cum;
    @Option(names = {"-flat", "--flat"}, description = "Sort by flat value (the default)")
    boolean flat;
    @Option(names = {"-nodecount", "--nodecount"}, paramLabel = "N", description = "Max number of rows (default: all for -top, 80 for -tree)")
    int nodeCount = -1;
    @Option(names = {"-nodefraction", "--nodefraction"}, paramLabel = "F", description = "Hide nodes below F*total (default 0.005)")
    double nodeFraction = 0.005;
    @Option(names = {"-edgefraction", "--edgefraction"}, paramLabel = "F", description = "Hide edges below F*total (default 0.001)")
    double edgeFraction = 0.001;
    @Option(names = {"-unit", "--unit"}, paramLabel = "UNIT", description = "Show values in UNIT (minimum, auto, MB, ms, ...)")
    String unit = "minimum";
    @Option(names = {"-functions", "--functions"}, description = "One row per function (the default)")
    boolean functions;
    @Option(names = {"-lines", "--lines"}, description = "One row per source line")
    boolean lines;
    @Option(names = {"-files", "--files"}, description = "One row per source file")
    boolean files;

    // ---- filters ----
    @Option(names = {"-focus", "--focus"}, paramLabel = "RE", description = "Only samples through a frame matching RE")
    String focus = "";
    @Option(names = {"-ignore", "--ignore"}, paramLabel = "RE", description = "Drop samples through a frame matching RE")
    String ignore = "";
    @Option(names = {"-hide", "--hide"}, paramLabel = "RE", description = "Drop frames matching RE from stacks")
    String hide = "";
    @Option(names = {"-show", "--show"}, paramLabel = "RE", description = "Keep only frames matching RE")
    String show = "";

    // ---- sources ----
    @Option(names = {"-base", "--base"}, paramLabel = "SOURCE", description = "Subtract this profile")
    List<String> base = new ArrayList<>();
    @Option(names = {"-diff_base", "--diff_base"}, paramLabel = "SOURCE", description = "Compare against this profile (percentages of it)")
    List<String> diffBase = new ArrayList<>();
    @Option(names = {"-seconds", "--seconds"}, paramLabel = "N", description = "Profile duration for http sources (?seconds=N)")
    int seconds = -1;
    @Option(names = {"-timeout", "--timeout"}, paramLabel = "N", description = "Timeout in seconds for http sources")
    int timeout = -1;
    @Option(names = {"-max_bytes", "--max_bytes"}, paramLabel = "N", description = "Largest profile read, compressed or not (default 1 GiB)")
    long maxBytes = Sources.DEFAULT_MAX_BYTES;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors")
    boolean verbose;
    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @Parameters(paramLabel = "SOURCE", description = "Profile files or http(s):// URLs; several are merged")
    List<String> sources = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (sources.isEmpty()) {
            throw new CliError("no profile source specified (pprof4j -top FILE|URL; see pprof4j -help)");
        }
        ReportConfig config = config();
        Sources src = new Sources(maxBytes, seconds, timeout, err);
        if (http != null) {
            return WebOutputs.serve(new WebOutputs.Inputs(src, sources, base, diffBase), http, httpAllowRemote,
                    sourcePath(), err);
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
