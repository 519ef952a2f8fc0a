package dev.pprof4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pprof4j version}: the version of this build. A template for subcommands. */
@Command(name = "version", description = "Print the pprof4j version", mixinStandardHelpOptions = true)
public final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Package p = VersionCommand.class.getPackage();
        String v = p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0-SNAPSHOT";
        spec.commandLine().getOut().println("pprof4j " + v);
        return 0;
    }
}
