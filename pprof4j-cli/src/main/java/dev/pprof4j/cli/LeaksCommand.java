package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.leaks.AgentSnapshots;
import dev.pprof4j.report.leaks.ChainLookup;
import dev.pprof4j.report.leaks.HistorySnapshots;
import dev.pprof4j.report.leaks.JsonReport;
import dev.pprof4j.report.leaks.LeakCriteria;
import dev.pprof4j.report.leaks.LeakDetector;
import dev.pprof4j.report.leaks.LeakHunt;
import dev.pprof4j.report.leaks.LeakReport;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pprof4j leaks [--rounds N] [--interval D] [--format text|json] TARGET}: takes N
 * snapshots of a running JVM through its agent and reports what grew in every round after
 * warm-up, then asks who holds the heap that grew most (reference chains). With
 * {@code --since D} it judges the agent's own history of the last D instead, at once.
 * Exit status: 0 no leak, 3 leak found, 2 usage or connection error.
 */
@Command(name = "leaks", mixinStandardHelpOptions = true,
        description = {"Hunt leaks: snapshot a running JVM N times and report what grew in every round",
                "TARGET is an agent's base URL (http://127.0.0.1:6060) or a pid to attach the agent to.",
                "--since 10m judges the agent's own history of the last 10 minutes instead, with no rounds to wait for.",
                "Exit status: 0 no leak, 3 leak found, 2 usage or connection error."})
public final class LeaksCommand implements Callable<Integer> {
    public static final int NO_LEAK = 0;
    public static final int LEAK_FOUND = 3;
    public static final int CANNOT_HUNT = 2;

    /** The report formats. */
    public enum Format { text, json }

    @Option(names = "--rounds", defaultValue = "5", description = "snapshots to take, at least 3 (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--interval", defaultValue = "5s", converter = GoDuration.Converter.class,
            description = "time between snapshots, Go syntax: 5s, 1m (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--since", converter = GoDuration.Converter.class,
            description = "judge the agent's history of the last D (Go syntax: 90s, 10m, 1h) instead of taking rounds")
    Duration since;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    Format format;

    @Parameters(index = "0", paramLabel = "TARGET", description = "agent base URL, host:port, or a pid")
    String target;

    @Spec
    CommandSpec spec;

    @Mixin
    TokenOption token = new TokenOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (rounds < LeakCriteria.MIN_SNAPSHOTS) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least " + LeakCriteria.MIN_SNAPSHOTS
                    + ": growth in every round needs two rounds after the warm-up one");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--interval must be positive, e.g. 5s");
        }
        AgentAuth auth = token.auth(List.of(target));
        URI agent;
        try {
            agent = AgentTarget.resolve(AgentAuth.withoutToken(target));
            if (target.chars().allMatch(Character::isDigit)) {
                err.println("pprof4j leaks: attached the agent to pid " + target + ": " + agent + "/debug/pprof/");
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("pprof4j leaks: " + e.getMessage());
            err.flush();
            return CANNOT_HUNT;
        }
        if (since != null) {
            if (since.isZero() || since.isNegative()) {
                throw new ParameterException(spec.commandLine(), "--since must be positive, e.g. 10m");
            }
            return huntHistory(agent, auth, since, format, spec.commandLine().getOut(), err);
        }
        return hunt(agent, auth, rounds, interval, format, spec.commandLine().getOut(), err);
    }

    /** Judges the agent's history of the last {@code since}; returns the exit status. */
    static int huntHistory(URI agent, AgentAuth auth, Duration since, Format format, PrintWriter out, PrintWriter err) {
        List<Snapshot> snapshots;
        try {
            snapshots = HistorySnapshots.fetch(agent, since, Duration.ofSeconds(60), auth);
        } catch (IOException e) {
            err.println("pprof4j leaks: " + e.getMessage());
            err.flush();
            return CANNOT_HUNT;
        }
        if (snapshots.size() < LeakCriteria.MIN_SNAPSHOTS) {
            err.println("pprof4j leaks: the agent's history holds " + snapshots.size() + " snapshot"
                    + (snapshots.size() == 1 ? "" : "s") + " in the last " + HistorySnapshots.goDuration(since)
                    + "; growth in every round needs " + LeakCriteria.MIN_SNAPSHOTS
                    + ": ask for a longer --since, or start the agent with a shorter history=<interval>");
            err.flush();
            return CANNOT_HUNT;
        }
        return report(withChains(new AgentSnapshots(agent, Duration.ofSeconds(60), auth), snapshots, err), format, out);
    }

    /**
     * The report, with who holds the heap that grew: one bounded heap walk per top class,
     * after the rounds so the walks' pauses do not disturb what the rounds measured.
     */
    private static LeakReport withChains(AgentSnapshots agent, List<Snapshot> snapshots, PrintWriter err) {
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        LeakReport report = detector.detect(snapshots);
        ChainLookup chains = new ChainLookup(agent);
        if (chains.classesToAsk(snapshots, report).isEmpty()) {
            return report;
        }
        List<Snapshot> held = chains.withChains(snapshots, report, className -> {
            err.println("pprof4j leaks: asking the agent who holds " + className + " (one heap walk)");
            err.flush();
        });
        return detector.detect(held);
    }

    private static int report(LeakReport report, Format format, PrintWriter out) {
        out.print(format == Format.json ? JsonReport.render(report) + "\n" : TextReport.render(report));
        out.flush();
        return report.leakFound() ? LEAK_FOUND : NO_LEAK;
    }

    /** Runs the hunt against an agent and prints the report; returns the exit status. */
    static int hunt(URI agent, AgentAuth auth, int rounds, Duration interval, Format format, PrintWriter out,
            PrintWriter err) {
        // Each snapshot runs a full GC and dumps every thread: give a big heap time.
        Duration timeout = Duration.ofSeconds(Math.max(60, interval.toSeconds() * 4));
        AgentSnapshots source = new AgentSnapshots(agent, timeout, auth);
        LeakHunt hunt = new LeakHunt(source, rounds, interval);
        List<Snapshot> snapshots;
        try {
            snapshots = hunt.snapshots(new LeakProgress(err, System.console() != null));
        } catch (IOException e) {
            err.println();
            err.println("pprof4j leaks: " + e.getMessage());
            err.flush();
            return CANNOT_HUNT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pprof4j leaks: interrupted");
            err.flush();
            return CANNOT_HUNT;
        }
        return report(withChains(source, snapshots, err), format, out);
    }
}
