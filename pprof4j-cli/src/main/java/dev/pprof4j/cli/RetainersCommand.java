package dev.pprof4j.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pprof4j retainers host:port CLASS} or {@code pprof4j retainers -site RE host:port}: who
 * holds the live objects of a class, or the live sampled objects of the allocation sites with a
 * frame matching RE, in a JVM running the agent — reference chains from GC roots, largest first
 * (the agent's {@code /debug/pprof/heap/retainers}).
 */
@Command(name = "retainers", mixinStandardHelpOptions = true,
        description = "Who holds a class's live objects (host:port CLASS), or those allocated at a site"
                + " (-site RE host:port): chains from GC roots")
public final class RetainersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the agent, e.g. localhost:6060 or http://host:port")
    String agent;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CLASS", description = "e.g. byte[] or com.example.Entry")
    String className;

    @Option(names = "-site", paramLabel = "RE",
            description = "instead of CLASS: sampled objects allocated at a frame matching RE, e.g. LeakyCache.fill")
    String site;

    @Option(names = "-max_objects", description = "bound of the heap walk (default: the agent's)")
    Integer maxObjects;

    @Option(names = "-max_ms", description = "time bound of the heap walk in ms (default: the agent's)")
    Integer maxMillis;

    @Override
    public Integer call() {
        if ((className == null) == (site == null)) {
            throw new CliError("retainers: give a CLASS or -site RE (one of them), e.g. "
                    + "retainers localhost:6060 byte[] or retainers -site LeakyCache.fill localhost:6060");
        }
        String base = agent.startsWith("http://") || agent.startsWith("https://") ? agent : "http://" + agent;
        base = base.replaceAll("/+$", "").replaceAll("/debug/pprof.*$", "");
        String url = base + "/debug/pprof/heap/retainers?"
                + (site != null ? "site=" + URLEncoder.encode(site, StandardCharsets.UTF_8)
                        : "class=" + URLEncoder.encode(className, StandardCharsets.UTF_8))
                + (maxObjects == null ? "" : "&max_objects=" + maxObjects)
                + (maxMillis == null ? "" : "&max_ms=" + maxMillis);
        spec.commandLine().getOut().print(HistodiffCommand.read(url));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
