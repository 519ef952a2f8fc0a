package dev.pprof4j.cli;

import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.agent.Attacher;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pprof4j attach <pid> [options]}: loads the agent into a running JVM. */
@Command(name = "attach", description = "Load the agent into a running JVM: attach <pid> [port=6060,host=...,token=...]",
        mixinStandardHelpOptions = true)
public final class AttachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the JVM (same user)")
    long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OPTIONS",
            description = "agent options, e.g. port=6060 or port=0 (a free port)")
    String options = "";

    @Override
    public Integer call() {
        try {
            AgentOptions.parse(options);
        } catch (IllegalArgumentException e) {
            throw new CliError("attach: " + e.getMessage());
        }
        try {
            String address = Attacher.attach(pid, AgentPathCommand.agentJar(), options);
            spec.commandLine().getOut().println("http://" + address + "/debug/pprof/");
            return 0;
        } catch (IOException e) {
            throw new CliError("attach: " + e.getMessage(), e);
        }
    }
}
