package dev.pprof4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pprof4j agent-path}: the agent jar's absolute path, for {@code -javaagent:}. */
@Command(name = "agent-path", description = "Print the agent jar's path (for java -javaagent:<path>=port=6060)",
        mixinStandardHelpOptions = true)
public final class AgentPathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(agentJar());
        return 0;
    }

    /**
     * The {@code pprof4j.agent.jar} property the launcher script sets, else the build's
     * {@code pprof4j-runtime/target/pprof4j-agent.jar} beside this jar's module.
     */
    static Path agentJar() {
        String property = System.getProperty("pprof4j.agent.jar");
        if (property != null && !property.isEmpty()) {
            Path jar = Path.of(property).toAbsolutePath();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new CliError("the agent jar " + jar + " does not exist; build it with mvn -DskipTests package");
        }
        try {
            Path self = Path.of(AgentPathCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // pprof4j-cli/target/pprof4j.jar (or target/classes) -> pprof4j-runtime/target/pprof4j-agent.jar
            for (Path dir = self.getParent(); dir != null; dir = dir.getParent()) {
                Path jar = dir.resolve("pprof4j-runtime/target/pprof4j-agent.jar");
                if (Files.isRegularFile(jar)) {
                    return jar.toAbsolutePath();
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // reported below
        }
        throw new CliError("cannot find pprof4j-agent.jar; run ./pprof4j from the repository, or pass"
                + " -Dpprof4j.agent.jar=<path>");
    }
}
