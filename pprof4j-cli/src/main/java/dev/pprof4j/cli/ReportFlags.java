package dev.pprof4j.cli;

import dev.pprof4j.report.ReportOption;
import dev.pprof4j.report.ReportOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The report mode's flags (go tool pprof's: single-dash long names; {@code --name},
 * {@code -name=value} and {@code -name value} all work): the output formats and the
 * command line's own flags here, the report options from {@link ReportOptions} (the table
 * the shell and the web UI read too); the parser that reads a command line against them,
 * and the usage text made from them.
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
     * switch, which takes no value), its help line, and the report option it sets
     * ({@code null} for the command line's own flags: formats, sources, the web UI).
     */
    record Flag(List<String> names, String label, String help, ReportOption option) {
        String name() {
            return names.get(0);
        }

        boolean isSwitch() {
            return label == null;
        }
    }

    static final String HELP = "help";

    /** Output formats: at most one, {@code -top} when none is given. */
    private static final List<Flag> FORMATS = List.of(
            sw("top", "text", "Top entries in text form (the default)"),
            sw("traces", "Every sample's stack in text form"),
            sw("tree", "Text rendering of the call graph"),
            flag("peek", "RE", "Callers and callees of functions matching RE"),
            flag("list", "RE", "Annotated source of functions matching RE (files found by -source_path)"),
            flag("weblist", "RE", "That annotated source as a web page, lines expanding to their calls (in the browser, or -output F)"),
            sw("tags", "All tags (labels) of the samples, with their values' totals"),
            sw("comments", "The profile's comments"),
            sw("raw", "Text dump of the raw profile"),
            sw("proto", "The merged, filtered profile as gzipped protobuf (-output F)"),
            sw("topproto", "Top entries as gzipped protobuf, cum and flat per row (-output F)"),
            sw("dot", "Call graph in Graphviz DOT format"),
            sw("svg", "Call graph as SVG (-output F)"),
            sw("png", "Call graph as PNG, drawn by Graphviz dot (-output F)"),
            sw("pdf", "Call graph as PDF, drawn by Graphviz dot (-output F)"),
            sw("gif", "Call graph as GIF, drawn by Graphviz dot (-output F)"),
            sw("ps", "Call graph as PostScript, drawn by Graphviz dot (-output F)"),
            sw("callgrind", "Call graph in callgrind format, for KCachegrind or callgrind_annotate"),
            sw("flame", "Flame graph as self-contained HTML (-output F)"));

    /** The command line's own flags after the formats: the web UI, the output file. */
    private static final List<Flag> OUTPUT = List.of(
            flag("http", "HOST:PORT", "Serve the interactive web UI"),
            sw("no_browser", "With -http: open no browser (pprof4j's -http never opens one; accepted for go tool pprof's scripts)"),
            sw("http_allow_remote", "Let -http listen on a non-loopback address (anyone who reaches it sees the profile)"),
            flag("http_allow_host", "HOSTS", "Host names -http also answers to, comma-separated (a reverse proxy's);"
                    + " by default only its own address, localhost and loopback addresses"),
            new Flag(List.of("output", "o"), "FILE", "Write the report to FILE", null),
            sw("inuse_space", "Same as -sample_index=inuse_space"),
            sw("inuse_objects", "Same as -sample_index=inuse_objects"),
            sw("alloc_space", "Same as -sample_index=alloc_space"),
            sw("alloc_objects", "Same as -sample_index=alloc_objects"),
            sw("total_delay", "Same as -sample_index=delay"),
            sw("mean_delay", "Same as -mean -sample_index=delay"),
            sw("contentions", "Same as -sample_index=contentions"));

    /** Where profiles come from. */
    private static final List<Flag> SOURCES = List.of(
            flag("base", "SOURCE", "Subtract this profile"),
            flag("diff_base", "SOURCE", "Compare against this profile (percentages of it)"),
            flag("seconds", "N", "Profile duration for http sources (?seconds=N)"),
            flag("timeout", "N", "Timeout in seconds for http sources"),
            flag("token_file", "FILE", "The agent's token, sent as Authorization: Bearer (default: $PPROF4J_TOKEN)"),
            flag("max_bytes", "N", "Largest profile read, compressed or not (default 1 GiB)"),
            flag("jfr_events", "KINDS", "Of JFR recordings read only these events, comma-separated: cpu, alloc,"
                    + " monitor, park, lock (monitor and park), all (the default)"),
            new Flag(List.of("verbose", "v"), null, "Print stack traces of errors", null),
            new Flag(List.of(HELP, "h"), null, "Show this help", null));

    /**
     * go tool pprof's flags about machine code, refused with why rather than as unknown:
     * {@code -disasm RE} (annotated assembly) and {@code -intel_syntax} (its syntax).
     */
    static final java.util.Map<String, String> NO_MACHINE_CODE = java.util.Map.of(
            "disasm", "(go tool pprof's annotated assembly) is not supported",
            "intel_syntax", "(the syntax of go tool pprof's -disasm and -weblist assembly) is not supported");

    /** Every flag: the formats, the command line's own, then the report options of {@link ReportOptions}. */
    static final List<Flag> ALL = all();

    private static List<Flag> all() {
        List<Flag> all = new ArrayList<>(FORMATS);
        all.addAll(OUTPUT);
        for (ReportOption o : ReportOptions.ALL) {
            if (o.kind() == ReportOption.Kind.CHOICE) {
                for (String choice : o.choices()) {
                    all.add(new Flag(List.of(choice), null, ReportOptions.choiceHelp(choice).get(0), o));
                }
            } else {
                String help = o.summary() + (o.defaultValue().isEmpty() || o.isSwitch() && o.defaultValue().equals("false")
                        ? "" : " (default " + o.defaultValue() + ")");
                all.add(new Flag(List.of(o.name()), o.label(), help, o));
            }
        }
        all.addAll(SOURCES);
        return List.copyOf(all);
    }

    /** Whether {@code flag} names an output format. */
    static boolean isFormat(Flag flag) {
        return FORMATS.contains(flag);
    }

    private ReportFlags() {
    }

    private static Flag sw(String name, String help) {
        return new Flag(List.of(name), null, help, null);
    }

    private static Flag sw(String name, String alias, String help) {
        return new Flag(List.of(name, alias), null, help, null);
    }

    private static Flag flag(String name, String label, String help) {
        return new Flag(List.of(name), label, help, null);
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
            if (flag == null && NO_MACHINE_CODE.containsKey(name)) {
                throw new UsageError("-" + name + " " + NO_MACHINE_CODE.get(name) + ": a JVM profile holds no machine code"
                        + " (the JIT's code is gone once the profile is written) and pprof4j has no disassembler;"
                        + " use -list RE or -weblist RE for the source lines with their values");
            }
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
