package dev.pprof4j.runtime.agent;

import dev.pprof4j.Pprof4j;
import java.lang.instrument.Instrumentation;

/**
 * The java agent: {@code -javaagent:pprof4j-agent.jar=port=6060} ({@link #premain}) and
 * {@code pprof4j attach <pid>} ({@link #agentmain}) share one parse-then-start path. It never
 * throws into the host application: a bad option or a busy port costs the application
 * nothing but one line on standard error.
 */
public final class Agent {
    private Agent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        launch(args, instrumentation, true);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        launch(args, instrumentation, false);
    }

    static void launch(String args, Instrumentation instrumentation, boolean atJvmStart) {
        try {
            String running = System.getProperty(Pprof4j.ADDRESS_PROPERTY);
            if (running != null) {
                System.err.println("pprof4j: already serving http://" + running + "/debug/pprof/; not starting another");
                return;
            }
            Pprof4j.start(AgentOptions.parse(args), instrumentation, atJvmStart);
            // The server's threads are daemons and the handle stays reachable from them; the
            // agent runs until the JVM exits.
        } catch (IllegalArgumentException e) {
            System.err.println("pprof4j: not started: " + e.getMessage());
        } catch (Throwable e) {
            System.err.println("pprof4j: not started: " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
