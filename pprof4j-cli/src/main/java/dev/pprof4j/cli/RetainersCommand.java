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
 * {@code pprof4j retainers host:port CLASS}: who holds the live objects of a class in a JVM
 * running the agent — reference chains from GC roots, largest first (the agent's
 * {@code /debug/pprof/heap/retainers}).
 */
@Command(name = "retainers", mixinStandardHelpOptions = true,
        description = "Who holds a class's live objects: chains from GC roots (host:port CLASS)")
public final class RetainersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the agent, e.g. localhost:6060 or http://host:port")
    String agent;

    @Parameters(index = "1", paramLabel = "CLASS", description = "e.g. byte[] or com.example.Entry")
    String className;

    @Option(names = "-max_objects", description = "bound of the heap walk (default: the agent's)")
    Integer maxObjects;

    @Override
    public Integer call() {
        String base = agent.startsWith("http://") || agent.startsWith("https://") ? agent : "http://" + agent;
        base = base.replaceAll("/+$", "").replaceAll("/debug/pprof.*$", "");
        String url = base + "/debug/pprof/heap/retainers?class=" + URLEncoder.encode(className, StandardCharsets.UTF_8)
                + (maxObjects == null ? "" : "&max_objects=" + maxObjects);
        spec.commandLine().getOut().print(HistodiffCommand.read(url));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
