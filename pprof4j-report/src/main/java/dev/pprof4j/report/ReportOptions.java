package dev.pprof4j.report;

import dev.pprof4j.report.ReportOption.Kind;
import java.util.List;

/**
 * The one table of report settings (google/pprof's {@code configFields} and
 * {@code configHelp}): the command line's flags, the interactive shell's {@code name=value}
 * options and {@code help}, the web UI's URL parameters and the defaults of
 * {@link ReportConfig} are all read from it, so a setting is named, defaulted and explained
 * once. Names, URL parameters and defaults are go tool pprof's.
 */
public final class ReportOptions {
    private ReportOptions() {
    }

    public static final List<ReportOption> ALL = List.of(
            // ---- what to show ----
            option("sample_index", Kind.STRING, "", "si", "sample", "Sample value to report (0-based index or name)",
                    "Profiles contain multiple values per sample.",
                    "Use sample_index=i to select the ith value (starting at 0)."),
            option("unit", Kind.STRING, "minimum", "unit", "display", "Measurement units to display",
                    "Scale the sample values to this unit.",
                    "For time-based profiles, use seconds, milliseconds, nanoseconds, etc.",
                    "For memory profiles, use megabytes, kilobytes, bytes, etc.",
                    "Using auto will scale each value independently to the most natural unit."),
            option("relative_percentages", Kind.BOOL, "false", "rel", "display",
                    "Show percentages relative to focused subgraph",
                    "If unset, percentages are relative to full graph before focusing",
                    "to facilitate comparison with original graph."),
            option("divide_by", Kind.FLOAT, "1", null, "display", "Ratio to divide all samples before visualization",
                    "Divide all samples values by a constant, eg the number of processors or jobs."),
            option("mean", Kind.BOOL, "false", "mean", "sample", "Average sample value over first value (count)",
                    "For memory profiles, report average memory per allocation.",
                    "For time-based profiles, report average time per event."),
            option("normalize", Kind.BOOL, "false", "norm", "sample", "Scales profile based on the base profile."),
            option("call_tree", Kind.BOOL, "false", "calltree", "display", "Create a context-sensitive call tree",
                    "Treat locations reached through different paths as separate.",
                    "Only drawn call graphs (dot, svg, png, pdf, the web UI's graph) are trees; other reports ignore it."),
            option("compact_labels", Kind.BOOL, "false", "compact", "display", "Show minimal headers"),
            option("source_path", Kind.STRING, "", null, "display", "Search path for source files"),
            option("trim_path", Kind.STRING, "", null, "display", "Path to trim from source paths before search"),
            option("drop_negative", Kind.BOOL, "false", "dropneg", "filter", "Ignore negative differences",
                    "Do not show any locations with values <0."),
            // ---- trimming ----
            option("nodecount", Kind.INT, "-1", "n", "filter", "Max number of nodes to show",
                    "Uses heuristics to limit the number of locations to be displayed.",
                    "On graphs, dotted edges represent paths through nodes that have been removed.",
                    "-1: the report's default (all for top, 80 for graphs and tree)."),
            option("nodefraction", Kind.FLOAT, "0.005", "nf", "filter", "Hide nodes below <f>*total"),
            option("edgefraction", Kind.FLOAT, "0.001", "ef", "filter", "Hide edges below <f>*total"),
            option("trim", Kind.BOOL, "true", "trim", "filter", "Honor nodefraction/edgefraction/nodecount defaults",
                    "Set to false to get the full profile, without any trimming."),
            // ---- filters ----
            option("focus", Kind.REGEX, "", "f", "filter", "Restricts to samples going through a node matching regexp",
                    "Discard samples that do not include a node matching this regexp.",
                    "Matching includes the function name, filename or object name."),
            option("ignore", Kind.REGEX, "", "i", "filter", "Skips paths going through any nodes matching regexp",
                    "If set, discard samples that include a node matching this regexp.",
                    "Matching includes the function name, filename or object name."),
            option("prune_from", Kind.REGEX, "", "prunefrom", "filter", "Drops any functions below the matched frame.",
                    "If set, any frames matching the specified regexp and any frames",
                    "below it will be dropped from each sample."),
            option("hide", Kind.REGEX, "", "h", "filter", "Skips nodes matching regexp",
                    "Discard nodes that match this location.",
                    "Other nodes from samples that include this location will be shown.",
                    "Matching includes the function name, filename or object name."),
            option("show", Kind.REGEX, "", "s", "filter", "Only show nodes matching regexp",
                    "If set, only show nodes that match this location.",
                    "Matching includes the function name, filename or object name."),
            option("show_from", Kind.REGEX, "", "sf", "filter", "Drops functions above the highest matched frame.",
                    "If set, all frames above the highest match are dropped from every sample.",
                    "Matching includes the function name, filename or object name."),
            option("tagfocus", Kind.STRING, "", "tf", "filter", "Restricts to samples with tags in range or matched by regexp",
                    "Use name=value syntax to limit the matching to a specific tag.",
                    "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:",
                    "String tag filter examples: foo, foo.*bar, mytag=foo.*bar"),
            option("tagignore", Kind.STRING, "", "ti", "filter", "Discard samples with tags in range or matched by regexp",
                    "Use name=value syntax to limit the matching to a specific tag.",
                    "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:",
                    "String tag filter examples: foo, foo.*bar, mytag=foo.*bar"),
            option("tagroot", Kind.STRING, "", null, "filter",
                    "Adds pseudo stack frames for labels key/value pairs at the callstack root.",
                    "A comma-separated list of label keys.",
                    "The first key creates frames at the new root."),
            option("tagleaf", Kind.STRING, "", null, "filter",
                    "Adds pseudo stack frames for labels key/value pairs at the callstack leaf.",
                    "A comma-separated list of label keys.",
                    "The last key creates frames at the new leaf."),
            option("tagshow", Kind.REGEX, "", "ts", "filter", "Only consider tags matching this regexp",
                    "Discard tags that do not match this regexp"),
            option("taghide", Kind.REGEX, "", "th", "filter", "Skip tags matching this regexp",
                    "Discard tags that match this regexp"),
            // ---- granularity and order ----
            option("noinlines", Kind.BOOL, "false", "noinlines", "granularity", "Ignore inlines.",
                    "Attributes inlined functions to their first out-of-line caller."),
            choice("granularity", "functions", "g", List.of("functions", "filefunctions", "files", "lines", "addresses"),
                    "Output granularity"),
            choice("sort", "flat", "sort", List.of("cum", "flat"), "Sort order"));

    /** The help of each choice of a {@link Kind#CHOICE} option (pprof's configHelp for them). */
    public static List<String> choiceHelp(String choice) {
        return switch (choice) {
            case "flat" -> List.of("Sort entries based on own weight");
            case "cum" -> List.of("Sort entries based on cumulative weight");
            case "functions" -> List.of("Aggregate at the function level.", "Ignores the filename where the function was defined.");
            case "filefunctions" -> List.of("Aggregate at the function level.",
                    "Takes into account the filename where the function was defined.");
            case "files" -> List.of("Aggregate at the file level.");
            case "lines" -> List.of("Aggregate at the source code line level.");
            case "addresses" -> List.of("Aggregate at the address level.", "Includes functions' addresses in the output.");
            default -> throw new IllegalArgumentException("no choice " + choice);
        };
    }

    /** The option called {@code name}, or null. A choice's name ({@code cum}) is not an option's. */
    public static ReportOption byName(String name) {
        for (ReportOption o : ALL) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The {@link Kind#CHOICE} option that has {@code choice} among its values, or null. */
    public static ReportOption ofChoice(String choice) {
        for (ReportOption o : ALL) {
            if (o.kind() == Kind.CHOICE && o.choices().contains(choice)) {
                return o;
            }
        }
        return null;
    }

    /** The option whose web UI URL parameter is {@code param} ({@code si}, {@code f}, ...), or null. */
    public static ReportOption byUrlParam(String param) {
        for (ReportOption o : ALL) {
            if (param.equals(o.urlParam())) {
                return o;
            }
        }
        return null;
    }

    private static ReportOption option(String name, Kind kind, String defaultValue, String urlParam, String group,
            String... help) {
        return new ReportOption(name, kind, defaultValue, List.of(), urlParam, group, List.of(help));
    }

    private static ReportOption choice(String name, String defaultValue, String urlParam, List<String> choices, String help) {
        return new ReportOption(name, Kind.CHOICE, defaultValue, choices, urlParam, "granularity", List.of(help));
    }
}
