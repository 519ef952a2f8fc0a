package dev.pprof4j.cli;

import dev.pprof4j.report.ReportFormat;
import java.util.List;

/**
 * The interactive shell's report commands, with go tool pprof's names, descriptions and
 * usage ({@code pprofCommands} in google/pprof's driver/commands.go): each prints one
 * {@link ReportFormat}; {@code web} opens the web UI instead of a browser on an SVG.
 */
record ShellCommands(String name, ReportFormat format, boolean hasParam, String description, List<String> usage) {

    static final List<ShellCommands> ALL = List.of(
            graph("callgrind", ReportFormat.CALLGRIND, "Outputs a graph in callgrind format", true),
            report("comments", ReportFormat.COMMENTS, "Output all profile comments"),
            graph("dot", ReportFormat.DOT, "Outputs a graph in DOT format", true),
            graph("gif", ReportFormat.GIF, "Outputs a graph image in GIF format", true),
            list("list", ReportFormat.LIST, "Output annotated source for functions matching regexp"),
            graph("pdf", ReportFormat.PDF, "Outputs a graph in PDF format", true),
            new ShellCommands("peek", ReportFormat.PEEK, true, "Output callers/callees of functions matching regexp",
                    List.of("peek func_regex", "Display callers and callees of functions matching func_regex.")),
            graph("png", ReportFormat.PNG, "Outputs a graph image in PNG format", true),
            report("proto", ReportFormat.PROTO, "Outputs the profile in compressed protobuf format"),
            graph("ps", ReportFormat.PS, "Outputs a graph in PS format", true),
            report("raw", ReportFormat.RAW, "Outputs a text representation of the raw profile"),
            graph("svg", ReportFormat.SVG, "Outputs a graph in SVG format", true),
            new ShellCommands("tags", ReportFormat.TAGS, false, "Outputs all tags in the profile",
                    List.of("tags [tag_regex]* [-ignore_regex]* [>file]",
                            "List tags with key:value matching tag_regex and exclude ignore_regex.")),
            text("text", ReportFormat.TOP, "Outputs top entries in text form"),
            text("top", ReportFormat.TOP, "Outputs top entries in text form"),
            report("topproto", ReportFormat.TOPPROTO, "Outputs top entries in compressed protobuf format"),
            report("traces", ReportFormat.TRACES, "Outputs all profile samples in text form"),
            text("tree", ReportFormat.TREE, "Outputs a text rendering of call graph"),
            new ShellCommands("web", null, false, "Visualize graph through web browser",
                    List.of("web [focus_regex]* [-ignore_regex]*",
                            "Opens pprof4j's web UI (graph, flame graph, top, source) on this profile",
                            "with the current options, on a loopback port; it stays up until the shell exits.")),
            list("weblist", ReportFormat.WEBLIST, "Display annotated source in a web browser"));

    static ShellCommands byName(String name) {
        for (ShellCommands c : ALL) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** go tool pprof's {@code help NAME} text of a command. */
    String help() {
        StringBuilder sb = new StringBuilder(description).append('\n');
        if (!usage.isEmpty()) {
            sb.append("  Usage:\n");
            for (String line : usage) {
                sb.append("    ").append(line).append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    private static ShellCommands report(String name, ReportFormat format, String description) {
        return new ShellCommands(name, format, false, description, List.of());
    }

    private static ShellCommands text(String name, ReportFormat format, String description) {
        return new ShellCommands(name, format, false, description, List.of(
                name + " [n] [focus_regex]* [-ignore_regex]* [-cum] >f",
                "Include up to n samples",
                "Include samples matching focus_regex, and exclude ignore_regex.",
                "-cum sorts the output by cumulative weight",
                "Optionally save the report on the file f"));
    }

    private static ShellCommands graph(String name, ReportFormat format, String description, boolean redirect) {
        return new ShellCommands(name, format, false, description, List.of(
                name + " [n] [focus_regex]* [-ignore_regex]*" + (redirect ? " >f" : ""),
                "Include up to n samples",
                "Include samples matching focus_regex, and exclude ignore_regex.",
                "Optionally save the report on the file f"));
    }

    private static ShellCommands list(String name, ReportFormat format, String description) {
        return new ShellCommands(name, format, true, description, List.of(
                name + "<func_regex|address> [-focus_regex]* [-ignore_regex]*",
                "Include functions matching func_regex, or including the address specified.",
                "Include samples matching focus_regex, and exclude ignore_regex."));
    }
}
