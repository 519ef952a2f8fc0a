package dev.pprof4j.cli;

import dev.pprof4j.report.leaks.source.HistorySnapshots;
import dev.pprof4j.cli.demo.DemoLoad;
import dev.pprof4j.cli.demo.DemoProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pprof4j demo}: starts {@link dev.pprof4j.cli.demo.DemoService} (a small shop with the field reports' four
 * leaks) in a child JVM with the agent, drives load at it, runs the leak hunt against it,
 * prints the report and stops the child. Exit status 0 when the hunt named leaks (the demo
 * worked), 1 when it found none, 2 when the demo could not run. With {@code --keep} the
 * service stays up under its load after the report, to explore with the other commands,
 * until Ctrl-C (or a plain kill) stops it and the child with it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a demo service with four leaks under load, hunt them, print the report",
                "The service runs in a child JVM with the agent and is stopped at the end (with --keep: at Ctrl-C)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "5", description = "snapshots to take (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--interval", defaultValue = "3s", converter = GoDuration.Converter.class,
            description = "time between snapshots (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    LeaksCommand.Format format;

    @Option(names = "--keep", description = "keep the service up under load after the report, to explore it;"
            + " Ctrl-C stops it")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LeaksCommand.checkRounds(spec.commandLine(), rounds, interval); // before the service starts
        Path agentJar;
        try {
            agentJar = AgentPathCommand.agentJar();
        } catch (CliError e) {
            err.println("pprof4j demo: " + e.getMessage());
            return LeaksCommand.CANNOT_HUNT;
        }
        err.println("pprof4j demo: starting a shop service with four leaks in a child JVM, with the agent...");
        err.flush();
        try (DemoProcess demo = DemoProcess.start(agentJar, List.of("-Xmx512m"), Duration.ofSeconds(60));
                DemoLoad load = new DemoLoad(demo.service())) {
            err.println("pprof4j demo: service " + demo.service() + " (pid " + demo.pid() + "), agent " + demo.agent());
            err.println("pprof4j demo: load on /order /feed /price /upload /report; hunting: " + rounds
                    + " snapshots " + HistorySnapshots.goDuration(interval) + " apart (the same as: pprof4j leaks --rounds "
                    + rounds + " --interval " + HistorySnapshots.goDuration(interval) + " " + demo.agent() + ")");
            err.flush();
            load.start();
            // Let the server's pool fill and the JIT settle: growth that stops is not a leak,
            // and the hunt discards its first interval anyway.
            Thread.sleep(1000);
            int status = LeaksCommand.hunt(demo.agent(), dev.pprof4j.report.http.AgentAuth.NONE, rounds, interval, format, out, err);
            out.flush();
            if (keep) {
                keepUntilStopped(demo, load, err);
            }
            err.println("pprof4j demo: stopping the demo service (" + load.sent() + " requests served, "
                    + load.failed() + " failed)");
            err.flush();
            return switch (status) {
                case LeaksCommand.LEAK_FOUND -> 0;
                case LeaksCommand.NO_LEAK -> 1;
                default -> status;
            };
        } catch (IOException e) {
            err.println("pprof4j demo: " + e.getMessage());
            return LeaksCommand.CANNOT_HUNT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LeaksCommand.CANNOT_HUNT;
        }
    }

    /**
     * Says where the service is and how to stop it, then waits for the end of this JVM: at
     * Ctrl-C or a kill its shutdown hook stops the load and the child, which would otherwise
     * outlive us.
     */
    private static void keepUntilStopped(DemoProcess demo, DemoLoad load, PrintWriter err) throws InterruptedException {
        String agent = demo.agent().toString();
        err.println("pprof4j demo: the service stays up under load to explore; agent " + agent + "/debug/pprof/"
                + ", service " + demo.service() + " (pid " + demo.pid() + ")");
        err.println("pprof4j demo: try: pprof4j -http=:0 " + agent + "/debug/pprof/heap   |   pprof4j leaks " + agent
                + "   |   curl '" + agent + "/debug/pprof/goroutine?debug=1'");
        err.println("pprof4j demo: stop it with Ctrl-C (or kill " + ProcessHandle.current().pid() + ")");
        err.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("pprof4j demo: stopping the demo service (" + load.sent() + " requests served, "
                    + load.failed() + " failed)");
            err.flush();
            load.close();
            demo.close();
        }, "pprof4j-demo-stop"));
        new java.util.concurrent.CountDownLatch(1).await(); // until the JVM is stopped
    }
}
