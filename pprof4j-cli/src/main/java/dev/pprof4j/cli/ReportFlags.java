package dev.pprof4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The report mode's one table of options (go tool pprof's flags: single-dash long names;
 * {@code --name}, {@code -name=value} and {@code -name value} all work), the parser that
 * reads a command line against it, and the usage text made from it.
 *
 * <p>Hand-written rather than picocli's annotations: the report mode is what almost every
 * run uses, and building picocli's model (reflection over the annotated fields, ~170 classes
 * compiled for Java 5, which class-data sharing cannot archive and the old verifier checks
 * slowly) cost more CPU than converting a 500 kB JFR recording. Subcommands still use picocli.
 */
final class ReportFlags {
    /**
     * One flag: its names without dashes (the first is the canonical one, which
     * {@link ReportCommand#apply} switches on), the label of its value ({@code null} for a
     * switch, which takes no value), and its help line.
     */
    record Flag(List<String> names, String label, String help) {
        String name() {
            return names.get(0);
        }

        boolean isSwitch() {
            return label == null;
        }
    }

    static final String HELP = "help";

    static final List<Flag> ALL = List.of(
            // ---- output formats (one at most) ----
            sw("top", "text", "Top entries in text form (the default)"),
            sw("traces", "Every sample's stack in text form"),
            sw("tree", "Text rendering of the call graph"),
            flag("peek", "RE", "Callers and callees of functions matching RE"),
            sw("raw", "Text dump of the raw profile"),
            sw("proto", "The merged, filtered profile as gzipped protobuf (-output F)"),
            sw("flame", "Flame graph as self-contained HTML (-output F)"),
            sw("svg", "Call graph as SVG (-output F)"),
            flag("http", "HOST:PORT", "Serve the interactive web UI"),
            sw("http_allow_remote", "Let -http listen on a non-loopback address (anyone who reaches it sees the profile)"),
            flag("http_allow_host", "HOSTS", "Host names -http also answers to, comma-separated (a reverse proxy's);"
                    + " by default only its own address, localhost and loopback addresses"),
            flag("source_path", "DIRS", "Where the web UI's source view looks for source files (':'-separated)"),
            new Flag(List.of("output", "o"), "FILE", "Write the report to FILE"),
            // ---- what to show ----
            flag("sample_index", "NAME|N", "Sample value to report"),
            sw("inuse_space", "Same as -sample_index=inuse_space"),
            sw("inuse_objects", "Same as -sample_index=inuse_objects"),
            sw("alloc_space", "Same as -sample_index=alloc_space"),
            sw("alloc_objects", "Same as -sample_index=alloc_objects"),
            sw("total_delay", "Same as -sample_index=delay"),
            sw("contentions", "Same as -sample_index=contentions"),
            sw("cum", "Sort by cumulative value"),
            sw("flat", "Sort by flat value (the default)"),
            flag("nodecount", "N", "Max number of rows (default: all for -top, 80 for -tree)"),
            flag("nodefraction", "F", "Hide nodes below F*total (default 0.005)"),
            flag("edgefraction", "F", "Hide edges below F*total (default 0.001)"),
            flag("unit", "UNIT", "Show values in UNIT (minimum, auto, MB, ms, ...)"),
            sw("functions", "One row per function (the default)"),
            sw("lines", "One row per source line"),
            sw("files", "One row per source file"),
            // ---- filters ----
            flag("focus", "RE", "Only samples through a frame matching RE"),
            flag("ignore", "RE", "Drop samples through a frame matching RE"),
            flag("hide", "RE", "Drop frames matching RE from stacks"),
            flag("show", "RE", "Keep only frames matching RE"),
            // ---- sources ----
            flag("base", "SOURCE", "Subtract this profile"),
            flag("diff_base", "SOURCE", "Compare against this profile (percentages of it)"),
            flag("seconds", "N", "Profile duration for http sources (?seconds=N)"),
            flag("timeout", "N", "Timeout in seconds for http sources"),
            flag("token_file", "FILE", "The agent's token, sent as Authorization: Bearer (default: $PPROF4J_TOKEN)"),
            flag("max_bytes", "N", "Largest profile read, compressed or not (default 1 GiB)"),
            flag("jfr_events", "KINDS", "Of JFR recordings read only these events, comma-separated: cpu, alloc,"
                    + " monitor, park, lock (monitor and park), all (the default)"),
            new Flag(List.of("verbose", "v"), null, "Print stack traces of errors"),
            new Flag(List.of(HELP, "h"), null, "Show this help"));

    private ReportFlags() {
    }

    private static Flag sw(String name, String help) {
        return new Flag(List.of(name), null, help);
    }

    private static Flag sw(String name, String alias, String help) {
        return new Flag(List.of(name, alias), null, help);
    }

    private static Flag flag(String name, String label, String help) {
        return new Flag(List.of(name), label, help);
    }

    /** The flag called {@code name} (no dashes), or null. */
    static Flag byName(String name) {
        for (Flag f : ALL) {
            if (f.names.contains(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Reads {@code args} into {@code into}: flags by the table, everything else (and all
     * after {@code --}) as sources, in order. Returns false when help was asked for.
     *
     * @throws UsageError for an unknown flag, a missing or malformed value
     */
    static boolean parse(String[] args, ReportCommand into) {
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (i++; i < args.length; i++) {
                    into.sources.add(args[i]);
                }
                break;
            }
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                into.sources.add(arg);
                continue;
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Flag flag = byName(name);
            if (flag == null) {
                throw new UsageError("unknown option '" + arg + "'");
            }
            String value;
            if (flag.isSwitch()) {
                value = eq < 0 ? "true" : body.substring(eq + 1);
                if (!value.equals("true") && !value.equals("false")) {
                    throw new UsageError("-" + name + " is a switch; it takes no value, or true or false, not '" + value + "'");
                }
            } else if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageError("-" + name + " needs a value (" + flag.label + ")");
            }
            if (flag.name().equals(HELP)) {
                help |= value.equals("true");
            } else {
                into.apply(flag, value);
            }
        }
        return !help;
    }

    /** The usage text of {@code pprof4j -help}, from the table. */
    static String usage() {
        List<String> left = new ArrayList<>();
        int width = 0;
        for (Flag f : ALL) {
            StringBuilder sb = new StringBuilder();
            for (String n : f.names) {
                sb.append(sb.length() == 0 ? "-" : ", -").append(n);
            }
            if (!f.isSwitch()) {
                sb.append('=').append(f.label);
            }
            left.add(sb.toString());
            width = Math.max(width, sb.length());
        }
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: pprof4j [-FORMAT] [OPTION...] SOURCE...").append(nl)
                .append("Analyze pprof profiles (and JFR recordings, collapsed stacks) as go tool pprof does.").append(nl)
                .append(nl)
                .append("      SOURCE...  Profile files or http(s):// URLs; several are merged").append(nl)
                .append("Options (-name value, -name=value, --name all work):").append(nl);
        for (int i = 0; i < ALL.size(); i++) {
            sb.append("  ").append(left.get(i)).append(" ".repeat(width - left.get(i).length() + 2))
                    .append(ALL.get(i).help).append(nl);
        }
        sb.append(nl).append("Subcommands (pprof4j NAME --help):").append(nl).append(Subcommands.usage());
        return sb.toString();
    }
}
