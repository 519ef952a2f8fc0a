package dev.pprof4j.runtime.agent;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.pprof4j.Pprof4j;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the agent into a running JVM through the Attach API ({@code pprof4j attach <pid>})
 * and reports where it serves. The target must run as the same user; a JVM cannot attach
 * to itself unless started with {@code -Djdk.attach.allowAttachSelf=true}.
 */
public final class Attacher {
    private Attacher() {
    }

    /**
     * Attaches to {@code pid}, starts the agent with {@code options}, and returns the
     * {@code host:port} it serves on.
     *
     * @throws IOException with a one-line reason and what to do
     */
    public static String attach(long pid, Path agentJar, String options) throws IOException {
        JavaProcess.require(pid); // before the Attach API's SIGQUIT, which ends a process that is no JVM
        if (!Files.isRegularFile(agentJar)) {
            throw new IOException("agent jar " + agentJar + " does not exist; build it with mvn -DskipTests package");
        }
        AgentOptions.parse(options); // refuse bad options here, not silently in the target
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a running JVM of the same user?)", e);
        }
        try {
            String before = vm.getSystemProperties().getProperty(Pprof4j.ADDRESS_PROPERTY);
            if (before != null) {
                return before;
            }
            vm.loadAgent(agentJar.toAbsolutePath().toString(), options == null ? "" : options);
            String address = vm.getSystemProperties().getProperty(Pprof4j.ADDRESS_PROPERTY);
            if (address == null) {
                throw new IOException("the agent loaded into process " + pid
                        + " but is not serving; its standard error says why (e.g. the port is in use)");
            }
            return address;
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException("loading the agent into process " + pid + " failed: " + e.getMessage(), e);
        } finally {
            vm.detach();
        }
    }
}
