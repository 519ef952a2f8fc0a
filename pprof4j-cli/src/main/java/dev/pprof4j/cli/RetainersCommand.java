package dev.pprof4j.cli;

import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.runtime.collect.heap.Retainers;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * {@code pprof4j retainers host:port CLASS} or {@code pprof4j retainers -site RE host:port}: who
 * holds the live objects of a class, or the live sampled objects of the allocation sites with a
 * frame matching RE, in a JVM running the agent — reference chains from GC roots, largest first
 * (the agent's {@code /debug/pprof/heap/retainers}).
 *
 * <p>Exit status, as grep's: 0 chains printed, 1 none (nothing of it is reachable from a GC
 * root, or the bounded walk found none), 2 bad usage, a site or input the agent refused, or no
 * agent there. "Nothing holds it" is an answer, not an error, but a script wants to tell them apart.
 */
@Command(name = "retainers", mixinStandardHelpOptions = true,
        description = {"Who holds a class's live objects (host:port CLASS), or those allocated at a site"
                + " (-site RE host:port): chains from GC roots",
            "Exit status: 0 chains printed, 1 no chain (nothing of it reachable), 2 bad usage or input,"
                + " or the agent unreachable."})
public final class RetainersCommand implements Callable<Integer> {
    static final int CHAINS = 0;
    static final int NO_CHAIN = 1;
    static final int CANNOT_ASK = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the agent, e.g. localhost:6060 or http://host:port")
    String agent;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CLASS",
            description = "e.g. byte[], com.example.Entry, or a generated class as profiles print it (com.example.Main$$Lambda: all of them)")
    String className;

    @Option(names = "-site", paramLabel = "RE",
            description = "instead of CLASS: sampled objects allocated at a frame matching RE, e.g. LeakyCache.fill")
    String site;

    @Option(names = "-max_objects", description = "bound of the heap walk (default: the agent's)")
    Integer maxObjects;

    @Option(names = "-max_ms", description = "time bound of the heap walk in ms (default: the agent's)")
    Integer maxMillis;

    @Mixin
    TokenOption token = new TokenOption();

    @Override
    public Integer call() {
        if ((className == null) == (site == null)) {
            throw new ParameterException(spec.commandLine(), "retainers: give a CLASS or -site RE (one of them), e.g. "
                    + "retainers localhost:6060 byte[] or retainers -site LeakyCache.fill localhost:6060");
        }
        AgentAuth auth = token.auth(List.of(agent));
        String where = AgentAuth.withoutToken(agent);
        String base = where.startsWith("http://") || where.startsWith("https://") ? where : "http://" + where;
        base = base.replaceAll("/+$", "").replaceAll("/debug/pprof.*$", "");
        String url = base + "/debug/pprof/heap/retainers?"
                + (site != null ? "site=" + URLEncoder.encode(site, StandardCharsets.UTF_8)
                        : "class=" + URLEncoder.encode(className, StandardCharsets.UTF_8))
                + (maxObjects == null ? "" : "&max_objects=" + maxObjects)
                + (maxMillis == null ? "" : "&max_ms=" + maxMillis);
        String answer;
        try {
            answer = HistodiffCommand.read(url, auth);
        } catch (CliError e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("pprof4j: " + e.getMessage());
            err.flush();
            return CANNOT_ASK;
        }
        spec.commandLine().getOut().print(answer);
        spec.commandLine().getOut().flush();
        return Retainers.Report.ROW.matcher(answer).find() ? CHAINS : NO_CHAIN;
    }
}
