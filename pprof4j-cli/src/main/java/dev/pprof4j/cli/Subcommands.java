package dev.pprof4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code pprof4j}: each is a picocli {@code @Command} class (with a
 * public no-argument constructor, implementing {@code Callable<Integer>}) whose
 * {@code name} is recognised as the first argument. To add one, add its line here (the
 * name as in its {@code @Command}; SubcommandsTest checks they agree) and nothing else;
 * {@code pprof4j -help} lists it.
 *
 * <p>The names are spelled out rather than read from the annotations because every run
 * looks its first argument up here, and reading annotations (parsing them, building their
 * proxies) cost ~45 ms of CPU at start-up; annotations are read only for the help text.
 * The classes are named as strings and loaded only when run (class literals here loaded all
 * eight, and picocli's exceptions with them, in every run of the report mode), and the
 * picocli code is in {@link Runner}, a class of its own, which the JVM links only for a
 * subcommand.
 */
final class Subcommands {
    record Entry(String name, String className) {
        Class<?> type() {
            try {
                return Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Subcommands names " + className + ", which is not there", e);
            }
        }
    }

    private static final String PACKAGE = "dev.pprof4j.cli.";

    static final List<Entry> ALL = List.of(
            new Entry("version", PACKAGE + "VersionCommand"),
            new Entry("attach", PACKAGE + "AttachCommand"),
            new Entry("agent-path", PACKAGE + "AgentPathCommand"),
            new Entry("gate", PACKAGE + "GateCommand"),
            new Entry("histodiff", PACKAGE + "HistodiffCommand"),
            new Entry("retainers", PACKAGE + "RetainersCommand"),
            new Entry("leaks", PACKAGE + "LeaksCommand"),
            new Entry("demo", PACKAGE + "DemoCommand")
    );

    private Subcommands() {
    }

    static Class<?> byName(String name) {
        for (Entry e : ALL) {
            if (e.name.equals(name)) {
                return e.type();
            }
        }
        return null;
    }

    /** Runs subcommand {@code type} with {@code args} (its name already taken off) through picocli. */
    static int run(Class<?> type, String[] args, PrintStream out, PrintStream err) throws Exception {
        return Runner.run(type, args, out, err);
    }

    /** Everything that touches picocli while running a subcommand. */
    private static final class Runner {
        static int run(Class<?> type, String[] args, PrintStream out, PrintStream err) throws Exception {
            Object command = type.getDeclaredConstructor().newInstance();
            CommandLine cl = new CommandLine(command);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            try {
                // parse and call directly, not through execute(): our errors are ours to print
                CommandLine.ParseResult parsed = cl.parseArgs(args);
                if (CommandLine.printHelpIfRequested(parsed)) {
                    out.flush();
                    return 0;
                }
                int code = call(command);
                out.flush();
                return code;
            } catch (CommandLine.ParameterException e) { // commands also refuse values this way as they run
                throw new UsageError(e.getMessage(), e);
            }
        }

        private static int call(Object command) throws Exception {
            if (command instanceof Callable<?> c) {
                Object r = c.call();
                return r instanceof Integer i ? i : 0;
            }
            if (command instanceof Runnable r) {
                r.run();
                return 0;
            }
            throw new IllegalStateException(command.getClass() + " is neither Callable nor Runnable");
        }
    }

    /**
     * A first argument that is no file, no URL and no option but nearly a subcommand's name
     * ({@code leak}, {@code atach}) is taken for a typing error, not for a missing file.
     */
    static void refuseMistyped(String first) {
        if (first.isEmpty() || first.startsWith("-") || first.contains("/") || first.contains(".")
                || first.contains(":") || java.nio.file.Files.exists(java.nio.file.Path.of(first))) {
            return;
        }
        for (Entry e : ALL) {
            if (editDistance(first, e.name) <= 2 || e.name.startsWith(first)) {
                throw new UsageError("unknown command '" + first + "'; did you mean '" + e.name + "'?");
            }
        }
    }

    /** Levenshtein distance, for names of a dozen letters. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry e : ALL) {
            names.add(e.name);
        }
        return names;
    }

    /** One line per subcommand for the usage text: name and the first description line. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : ALL) {
            Command cmd = e.type().getAnnotation(Command.class);
            String d = cmd.description().length > 0 ? cmd.description()[0] : "";
            sb.append(String.format("  %-12s %s%n", e.name, d));
        }
        return sb.toString();
    }
}
