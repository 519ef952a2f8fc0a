package dev.pprof4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

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
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs the command and returns its exit code; never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        try {
            Object command;
            String[] rest;
            Class<?> sub = args.length > 0 ? Subcommands.byName(args[0]) : null;
            if (sub != null) {
                command = sub.getDeclaredConstructor().newInstance();
                rest = Arrays.copyOfRange(args, 1, args.length);
            } else {
                command = new ReportCommand(out, err);
                rest = args;
            }
            CommandLine cl = new CommandLine(command);
            if (sub == null) {
                cl.getCommandSpec().usageMessage().footer(Subcommands.usage());
            }
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            // parse and call directly, not through execute(): our errors are ours to print
            CommandLine.ParseResult parsed = cl.parseArgs(rest);
            if (CommandLine.printHelpIfRequested(parsed)) {
                out.flush();
                return 0;
            }
            int code = call(command);
            out.flush();
            return code;
        } catch (CommandLine.ParameterException e) {
            err.println("pprof4j: " + e.getMessage() + " (see pprof4j -help)");
            if (verbose) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("pprof4j: out of memory; give the JVM more with PPROF4J_JAVA_OPTS=-Xmx4g");
            return 1;
        } catch (Throwable e) {
            err.println("pprof4j: " + CliError.describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int call(Object command) throws Exception {
        if (command instanceof java.util.concurrent.Callable<?> c) {
            Object r = c.call();
            return r instanceof Integer i ? i : 0;
        }
        if (command instanceof Runnable r) {
            r.run();
            return 0;
        }
        throw new IllegalStateException(command.getClass() + " is neither Callable nor Runnable");
    }

    /** The subcommand names, for usage text. */
    static List<String> subcommandNames() {
        return Subcommands.names();
    }
}
