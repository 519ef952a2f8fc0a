package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportFormat;
import dev.pprof4j.report.ReportOption;
import dev.pprof4j.report.ReportOptions;
import dev.pprof4j.report.Reports;
import dev.pprof4j.report.SampleIndex;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.web.ProfileSource;
import dev.pprof4j.report.web.WebUi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * go tool pprof's interactive shell ({@code interactive.go}): {@code pprof4j PROFILE} without
 * an output format reads commands from standard input, a terminal or a pipe alike, printing
 * the {@code (pprof) } prompt and the reports on stdout, and greetings, help, options and
 * errors on stderr, as Go does. Commands are {@link ShellCommands}; {@code name=value} sets
 * an option of {@link ReportOptions} for the commands that follow, and a command's own
 * arguments ({@code top 5 -cum main\. -runtime}) last for that command only.
 */
final class Shell {
    private static final String PROMPT = "(pprof) ";
    private static final String COMMENT = "//:";
    private static final Pattern TAIL_DIGITS = Pattern.compile("[0-9]+$");

    private final Profile profile;
    private final ReportConfig current;
    private final String title;
    private final BufferedReader in;
    private final boolean terminal;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, List<String>> shortcuts = new LinkedHashMap<>();
    private WebUi web;
    private int tempFiles;

    Shell(Profile profile, ReportConfig settings, String title, BufferedReader in, boolean terminal, PrintStream out,
            PrintStream err) {
        this.profile = profile;
        this.current = settings.copy();
        this.current.compactLabels = true; // go tool pprof's shell sets compact_labels
        this.title = title;
        this.in = in;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
        shortcuts.put(":", List.of("focus=", "ignore=", "hide=", "tagfocus=", "tagignore="));
        for (var st : profile.sampleTypes) {
            shortcuts.put(st.type(), List.of("sample_index=" + st.type()));
        }
    }

    /**
     * Greets, then runs commands until {@code quit} or the end of the input; {@code first} is
     * a line already read (null: none).
     */
    int run(String first) throws IOException {
        greet();
        try {
            String line = first;
            boolean pending = first != null;
            while (true) {
                out.print(PROMPT);
                out.flush();
                if (!pending) {
                    line = in.readLine();
                }
                pending = false;
                if (line == null) {
                    return 0;
                }
                for (String input : expand(line)) {
                    if (!execute(input)) {
                        return 0;
                    }
                }
            }
        } finally {
            if (web != null) {
                web.close();
            }
        }
    }

    private void greet() {
        ReportConfig c = current.copy();
        try {
            Report rpt = new Report(profile, c, SampleIndex.resolve(profile, c.sampleIndex));
            rpt.profileLabels().forEach(err::println);
            if (rpt.total == 0 && profile.sampleTypes.size() > 1) {
                err.println("No samples were found with the default sample value type.");
                err.println("Try \"sample_index\" command to analyze different sample values.\n");
            }
        } catch (IllegalArgumentException e) {
            // as go tool pprof: no labels when the options do not fit the profile
        }
        err.println("Entering interactive mode (type \"help\" for commands, \"o\" for options)");
        err.flush();
    }

    private List<String> expand(String line) {
        String input = line.strip();
        return shortcuts.getOrDefault(input, List.of(input));
    }

    /** Runs one input line; false to leave the shell. */
    private boolean execute(String input) {
        String[] assignment = input.split("=", 2);
        String name = assignment[0].strip();
        if (isConfigurable(name)) {
            assign(name, assignment);
            return true;
        }
        List<String> tokens = new ArrayList<>(List.of(input.strip().split("\\s+")));
        tokens.removeIf(String::isEmpty);
        if (tokens.isEmpty()) {
            return true;
        }
        switch (tokens.get(0)) {
            case "o", "options" -> {
                printOptions();
                return true;
            }
            case "exit", "quit", "q" -> {
                return false;
            }
            case "help" -> {
                help(String.join(" ", tokens.subList(1, tokens.size())));
                return true;
            }
            default -> {
            }
        }
        try {
            command(tokens);
        } catch (UsageError | CliError | IllegalArgumentException e) {
            err.println(e.getMessage());
        } catch (IOException e) {
            err.println(CliError.describe(e));
        }
        err.flush();
        out.flush();
        return true;
    }

    private static boolean isConfigurable(String name) {
        return ReportOptions.byName(name) != null || ReportOptions.ofChoice(name) != null;
    }

    private static boolean isBool(String name) {
        ReportOption o = ReportOptions.byName(name);
        return o == null || o.isSwitch(); // a choice is a switch too
    }

    private void assign(String name, String[] assignment) {
        if (assignment.length == 1 && !isBool(name)) {
            err.println("please specify a value, e.g. " + name + "=<val>");
            return;
        }
        String value = "";
        if (assignment.length == 2) {
            value = assignment[1];
            int comment = value.lastIndexOf(COMMENT);
            if (comment >= 0) {
                value = value.substring(0, comment);
            }
            value = value.strip();
        }
        try {
            if (name.equals("sample_index")) {
                value = profile.sampleTypes.get(SampleIndex.resolve(profile, value)).type();
            }
            ReportOption option = ReportOptions.byName(name);
            if (option == null) { // a choice: cum, lines...; Go's ParseBool("") fails, so a bare choice does too
                if (!value.equals("true") && !value.equals("1") && !value.equals("t") && !value.equals("T")
                        && !value.equals("TRUE") && !value.equals("True")) {
                    err.println("unknown config field \"" + name + "\"");
                    return;
                }
                current.set(name, "true");
            } else {
                current.set(name, option.isSwitch() ? goBool(value) : value);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
        }
    }

    /** go tool pprof's stringToBool: the shell takes yes, no, t, f, 1, 0 and nothing (true). */
    private static String goBool(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "yes", "y", "1", "" -> "true";
            case "false", "f", "no", "n", "0" -> "false";
            default -> throw new IllegalArgumentException("illegal value \"" + value + "\" for bool variable");
        };
    }

    /** pprof's parseCommandLine and generateReport: a command with its own arguments. */
    private void command(List<String> tokens) throws IOException {
        String name = tokens.get(0);
        List<String> args = new ArrayList<>(tokens.subList(1, tokens.size()));
        ShellCommands cmd = ShellCommands.byName(name);
        if (cmd == null) {
            Matcher digits = TAIL_DIGITS.matcher(name);
            if (digits.find() && digits.start() > 0) {
                args.add(0, digits.group());
                name = name.substring(0, digits.start());
                cmd = ShellCommands.byName(name);
            }
        }
        if (cmd == null) {
            if (isConfigurable(name)) {
                throw new UsageError("did you mean: " + name + "=" + (args.isEmpty() ? "<val>" : args.get(0)));
            }
            throw new UsageError("unrecognized command: \"" + name + "\"");
        }
        ReportConfig c = current.copy();
        String symbol = null;
        if (cmd.hasParam()) {
            if (args.isEmpty()) {
                throw new UsageError("command " + name + " requires an argument");
            }
            symbol = args.remove(0);
        }
        String focus = "";
        String ignore = "";
        Path output = null;
        for (int i = 0; i < args.size(); i++) {
            String t = args.get(i);
            if (t.matches("[+-]?[0-9]+") && fitsInt(t)) {
                c.nodeCount = Integer.parseInt(t);
                continue;
            }
            if (t.startsWith(">")) {
                String file = t.substring(1);
                if (file.isEmpty()) {
                    if (++i >= args.size()) {
                        throw new UsageError("unexpected end of line after >");
                    }
                    file = args.get(i);
                }
                output = Path.of(file);
            } else if (t.equals("-cum") || t.equals("--cum")) {
                c.cumSort = true;
            } else if (t.startsWith("-")) {
                ignore = join(ignore, t.substring(1));
            } else {
                focus = join(focus, t);
            }
        }
        if (cmd.format() == ReportFormat.TAGS) {
            c.tagFocus = focus.isEmpty() ? c.tagFocus : focus;
            c.tagIgnore = ignore.isEmpty() ? c.tagIgnore : ignore;
        } else {
            c.focus = focus.isEmpty() ? c.focus : focus;
            c.ignore = ignore.isEmpty() ? c.ignore : ignore;
        }
        if (c.nodeCount == -1 && (name.equals("text") || name.equals("top"))) {
            c.nodeCount = 10;
        }
        if (cmd.format() == null) {
            web(c);
            return;
        }
        c.format = cmd.format();
        c.peekRegex = symbol;
        for (ReportOption o : ReportOptions.ALL) { // checks the regexes before the profile is copied
            c.set(o.name(), c.get(o.name()));
        }
        boolean callgrind = cmd.format() == ReportFormat.CALLGRIND;
        // -weblist makes its own temporary file and opens it in the browser
        boolean weblist = cmd.format() == ReportFormat.WEBLIST;
        if (output == null && (terminal && !cmd.format().isText() && !weblist || callgrind)) {
            // go tool pprof keeps binary data away from a terminal: a file in the temp directory;
            // callgrind's always, in the shell (a file for KCachegrind, never a screenful)
            String suffix = switch (cmd.format()) {
                case PROTO, TOPPROTO -> "pb.gz";
                case CALLGRIND -> "callgraph.out";
                default -> cmd.format().command;
            };
            output = Path.of(System.getProperty("java.io.tmpdir"), String.format("profile%03d.%s", ++tempFiles, suffix));
        }
        Outputs.write(profile.copy(), c, output, out, err);
    }

    private static boolean fitsInt(String t) {
        try {
            Integer.parseInt(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String join(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() ? a + "|" + b : a + b;
    }

    /** {@code web}: the web UI on this profile, opened at the view the options describe. */
    private void web(ReportConfig c) throws IOException {
        if (web == null) {
            Profile shown = profile;
            ProfileSource source = () -> ProfileSource.Snapshot.of(shown.copy(), title);
            web = WebUi.builder(source).bind("127.0.0.1", 0).sourcePath(ReportCommand.sourcePath(c)).start();
        }
        StringBuilder query = new StringBuilder();
        param(query, "si", c.sampleIndex);
        param(query, "focus", c.focus);
        param(query, "ignore", c.ignore);
        param(query, "hide", c.hide);
        param(query, "show", c.show);
        String url = web.uri() + "graph" + query;
        err.println("Serving web UI on " + web.uri() + " (until the shell exits)");
        err.println(url);
        Browser.open(url, err);
        err.flush();
    }

    private static void param(StringBuilder query, String key, String value) {
        if (value != null && !value.isEmpty()) {
            query.append(query.length() == 0 ? '?' : '&').append(key).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** go tool pprof's {@code o}: every option with its value, sorted, choices in a comment. */
    private void printOptions() {
        List<String> lines = new ArrayList<>();
        for (ReportOption o : ReportOptions.ALL) {
            String v = current.get(o.name());
            String comment = "";
            if (o.kind() == ReportOption.Kind.CHOICE) {
                comment = "[" + String.join(" | ", o.choices().stream().sorted().toList()) + "]";
            } else if (o.name().equals("sample_index")) {
                if (v.isEmpty()) {
                    v = profile.sampleTypes.get(SampleIndex.resolve(profile, "")).type();
                }
                comment = "[" + String.join(" | ", profile.sampleTypes.stream().map(t -> t.type()).toList()) + "]";
            } else if (o.name().equals("source_path")) {
                continue;
            } else if (o.name().equals("nodecount") && v.equals("-1")) {
                comment = "default";
            } else if (v.isEmpty()) {
                v = "\"\"";
            }
            if (!comment.isEmpty()) {
                comment = COMMENT + " " + comment;
            }
            lines.add(String.format("  %-25s = %-20s %s", o.name(), v, comment));
        }
        lines.sort(null);
        err.println(String.join("\n", lines));
        err.flush();
    }

    /** go tool pprof's {@code help} and {@code help NAME}. */
    private void help(String topic) {
        if (topic.isEmpty()) {
            err.print(usage());
            err.println("  :   Clear focus/ignore/hide/tagfocus/tagignore\n\n  type \"help <cmd|option>\" for more information");
        } else if (ShellCommands.byName(topic) != null) {
            err.print(ShellCommands.byName(topic).help());
        } else if (ReportOptions.byName(topic) != null || ReportOptions.ofChoice(topic) != null) {
            List<String> text = ReportOptions.byName(topic) != null ? ReportOptions.byName(topic).help()
                    : ReportOptions.choiceHelp(topic);
            // go tool pprof ends most help with an empty line, the one-line helps of these without
            boolean plain = List.of("compact_labels", "source_path", "nodefraction", "edgefraction", "files", "lines")
                    .contains(topic);
            err.println(String.join("\n", text) + (plain ? "" : "\n"));
        } else {
            err.println("Unknown command: " + topic);
        }
        err.flush();
    }

    /** The commands and options, laid out as go tool pprof's {@code usage(false)}. */
    static String usage() {
        List<String> commands = new ArrayList<>();
        for (ShellCommands c : ShellCommands.ALL) {
            commands.add(line(c.name(), c.description()));
        }
        commands.sort(null);
        commands.add(line("o/options", "List options and their current values"));
        commands.add(line("q/quit/exit/^D", "Exit pprof"));
        List<String> variables = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (ReportOption o : ReportOptions.ALL) {
            if (o.kind() != ReportOption.Kind.CHOICE) {
                variables.add(line(o.name(), o.summary()));
                continue;
            }
            StringBuilder g = new StringBuilder(line(o.name(), ""));
            for (String choice : o.choices()) {
                g.append("\n  ").append(line(choice, ReportOptions.choiceHelp(choice).get(0)));
            }
            groups.add(g.toString());
        }
        variables.sort(null);
        groups.sort(null);
        return "  Commands:\n" + String.join("\n", commands) + "\n\n  Options:\n" + String.join("\n", variables)
                + "\n\n  Option groups (only set one per group):\n" + String.join("\n", groups) + "\n";
    }

    private static String line(String name, String help) {
        return String.format("    %-16s %s", name, help);
    }

    /** Whether standard input is a terminal (Linux: what fd 0 points at; elsewhere: a console). */
    static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
