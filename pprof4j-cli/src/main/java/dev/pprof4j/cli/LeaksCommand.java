package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.AgentBusy;
import dev.pprof4j.report.leaks.BusyWait;
import dev.pprof4j.report.leaks.source.AgentSnapshots;
import dev.pprof4j.report.leaks.detect.ChainLookup;
import dev.pprof4j.report.leaks.source.HistorySnapshots;
import dev.pprof4j.report.leaks.render.JsonReport;
import dev.pprof4j.report.leaks.detect.LeakCriteria;
import dev.pprof4j.report.leaks.detect.LeakDetector;
import dev.pprof4j.report.leaks.LeakHunt;
import dev.pprof4j.report.leaks.detect.LeakReport;
import dev.pprof4j.report.leaks.source.ProfileSnapshots;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.render.TextReport;
import dev.pprof4j.profile.Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * snapshots of a running JVM through its agent and reports what grew as a trend that never
 * fell back (see LeakCriteria), then asks who holds the heap that grew most (reference chains). With
 * {@code --since D} it judges the agent's own history of the last D instead, at once.
 * Exit status: 0 no leak, 3 leak found, 2 usage or connection error or nothing measured.
 */
@Command(name = "leaks", mixinStandardHelpOptions = true,
        description = {"Hunt leaks: snapshot a running JVM N times and report what grew as a trend that never fell back",
                "TARGET is an agent's base URL (http://127.0.0.1:6060) or a pid to attach the agent to;",
                "or give 3+ saved profiles (goroutine and heap, any format -top reads), oldest first.",
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

    @Parameters(arity = "1..*", paramLabel = "TARGET",
            description = "agent base URL, host:port, or a pid; or 3+ saved profiles, oldest first (FILE or FILE,FILE per moment)")
    List<String> targets;

    @Spec
    CommandSpec spec;

    @Mixin
    TokenOption token = new TokenOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (since != null && (spec.commandLine().getParseResult().hasMatchedOption("--rounds")
                || spec.commandLine().getParseResult().hasMatchedOption("--interval"))) {
            throw new ParameterException(spec.commandLine(), "--since judges the agent's history, whose snapshots"
                    + " are already taken: drop --rounds and --interval, or drop --since for a live hunt");
        }
        if (targets.size() > 1 || Files.isRegularFile(Path.of(targets.get(0).split(",")[0]))) {
            return huntFiles(targets, format, spec.commandLine().getOut(), err);
        }
        String target = targets.get(0);
        checkRounds(spec.commandLine(), rounds, interval);
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

    /**
     * Judges saved profiles, one moment per argument (several files of one moment joined by
     * commas, e.g. a heap and a goroutine profile), read as {@code -top} reads them: any
     * format, the agent's or Go's protobuf, Go's text dumps, Java thread dumps. No reference
     * chains: there is no live heap to ask.
     */
    static int huntFiles(List<String> moments, Format format, PrintWriter out, PrintWriter err) {
        if (moments.size() < LeakCriteria.MIN_SNAPSHOTS) {
            err.println("pprof4j leaks: " + moments.size() + " saved profile" + (moments.size() == 1 ? "" : "s")
                    + " given; growth in every round needs " + LeakCriteria.MIN_SNAPSHOTS + ", oldest first");
            err.flush();
            return CANNOT_HUNT;
        }
        Sources sources = new Sources(Sources.DEFAULT_MAX_BYTES, 0, 60, new PrintStream(OutputStream.nullOutputStream()));
        List<Snapshot> snapshots = new ArrayList<>();
        for (String moment : moments) {
            List<Profile> profiles = new ArrayList<>();
            Instant time = Instant.EPOCH;
            try {
                for (String file : moment.split(",")) {
                    if (!Files.isRegularFile(Path.of(file))) {
                        throw new CliError(file + ": no such file; leaks takes one agent, or saved profiles");
                    }
                    profiles.add(sources.load(List.of(file), List.of(), List.of()));
                    Instant modified = Files.getLastModifiedTime(Path.of(file)).toInstant();
                    time = modified.isAfter(time) ? modified : time;
                }
                snapshots.add(ProfileSnapshots.of(time, profiles));
            } catch (IOException | RuntimeException e) {
                err.println("pprof4j leaks: " + (e instanceof IllegalArgumentException ? moment + ": " : "")
                        + e.getMessage());
                err.flush();
                return CANNOT_HUNT;
            }
        }
        return report(new LeakDetector(LeakCriteria.DEFAULT).detect(inOrder(snapshots)), format, out);
    }

    /**
     * The snapshots at their files' modification times when those follow the order given;
     * otherwise (files copied, checked out) the times say nothing, and all are put at one.
     */
    private static List<Snapshot> inOrder(List<Snapshot> snapshots) {
        for (int i = 1; i < snapshots.size(); i++) {
            if (!snapshots.get(i).time().isAfter(snapshots.get(i - 1).time())) {
                List<Snapshot> untimed = new ArrayList<>();
                for (Snapshot s : snapshots) {
                    untimed.add(new Snapshot(Instant.EPOCH, s.threads(), s.liveHeapBySite(), s.heapByClass(),
                            s.chains(), s.siteClasses(), s.available(), s.notes(), s.heapSamplingPeriod()));
                }
                return untimed;
            }
        }
        return snapshots;
    }

    /** The live hunt's --rounds and --interval, refused before anything starts (leaks and demo). */
    static void checkRounds(picocli.CommandLine commandLine, int rounds, Duration interval) {
        if (rounds < LeakCriteria.MIN_SNAPSHOTS) {
            throw new ParameterException(commandLine, "--rounds must be at least " + LeakCriteria.MIN_SNAPSHOTS
                    + ": a trend needs two intervals after the warm-up one");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new ParameterException(commandLine, "--interval must be positive, e.g. 5s");
        }
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
                    + "; a trend needs " + LeakCriteria.MIN_SNAPSHOTS
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
        BusyWait busy = new BusyWait(BusyWait.DEFAULT_CAP);
        LeakHunt hunt = new LeakHunt(source, rounds, interval, busy);
        List<Snapshot> snapshots;
        try {
            snapshots = hunt.snapshots(new LeakProgress(err, System.console() != null));
        } catch (AgentBusy e) {
            err.println();
            err.println("pprof4j leaks: the agent's stop-the-world budget stays spent after waiting " + busy.waited().toSeconds()
                    + " s, so the hunt cannot measure: " + e.getMessage()
                    + "; hunt again later, or start the agent with a larger stwbudget=");
            err.flush();
            return CANNOT_HUNT;
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
