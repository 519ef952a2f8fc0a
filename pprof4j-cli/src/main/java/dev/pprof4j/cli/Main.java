package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code pprof4j} command. When the first argument names a subcommand
 * ({@link Subcommands}), that runs; otherwise the arguments are go tool pprof's report
 * flags and sources ({@link ReportCommand}).
 *
 * <p>Every failure ends in one line on stderr, {@code pprof4j: <what>: <why>}, and a
 * non-zero exit; {@code -v} adds the stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int code = run(args, new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
                Shell.stdinIsTerminal(), out, System.err);
        out.flush();
        // Returning from main ends the JVM as System.exit(0) would when no other thread of
        // ours is left; System.exit costs JDK 21+ the bootstrap of System.Logger (it logs
        // Runtime.exit), ~10 ms of CPU in a 0.3 s run. Any other thread: exit as always.
        if (code != 0 || Thread.activeCount() > 1) {
            System.exit(code);
        }
    }

    /** Runs the command without standard input (no shell: the report mode's default is -top); never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, null, false, out, err);
    }

    /**
     * Runs the command and returns its exit code; never throws. Without an output format the
     * report mode reads shell commands from {@code stdin} (null: none), as go tool pprof does.
     */
    public static int run(String[] args, java.io.BufferedReader stdin, boolean terminal, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        try {
            if (args.length == 0) { // as go tool pprof does: the usage, on stderr, and a failure
                err.print(ReportFlags.usage());
                err.flush();
                return 2;
            }
            if (args.length == 1 && (args[0].equals("help") || args[0].equals("--help"))) {
                args = new String[] {"-help"};
            }
            Class<?> sub = Subcommands.byName(args[0].equals("--version") || args[0].equals("-version") ? "version" : args[0]);
            if (sub == null) {
                Subcommands.refuseMistyped(args[0]);
                return report(args, stdin, terminal, out, err);
            }
            return Subcommands.run(sub, Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageError e) {
            err.println("pprof4j: " + AgentAuth.redact(e.getMessage()) + " (see pprof4j -help)");
            if (verbose) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("pprof4j: out of memory; give the JVM more with PPROF4J_JAVA_OPTS=-Xmx4g");
            return 1;
        } catch (Throwable e) {
            // The last line of defence for a token a user typed into a URL: never print it.
            err.println("pprof4j: " + AgentAuth.redact(CliError.describe(e)));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The report mode, go tool pprof's command line; no picocli on this path (see {@link ReportFlags}). */
    private static int report(String[] args, java.io.BufferedReader stdin, boolean terminal, PrintStream out,
            PrintStream err) throws Exception {
        ReportCommand command = new ReportCommand(out, err);
        command.stdin = stdin;
        command.terminal = terminal;
        if (!ReportFlags.parse(args, command)) {
            out.print(ReportFlags.usage());
            out.flush();
            return 0;
        }
        int code = command.call();
        out.flush();
        return code;
    }

    /** The subcommand names, for usage text. */
    static List<String> subcommandNames() {
        return Subcommands.names();
    }
}
