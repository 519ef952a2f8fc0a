package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.agent.Attacher;
import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code pprof4j attach}: a JVM started without the agent gets it through the Attach API, then
 * leaks threads; threadcreate names the leaking method for the threads started after attach.
 */
class AttachIT {
    @Test
    void attachedAgentServesAndNamesTheLeak() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("400", "25").start()) {
            app.await(Pattern.compile("ready"), Duration.ofSeconds(30));
            String address = Attacher.attach(app.pid(), ChildJvm.agentJar(), "port=0");
            assertTrue(address.matches("127\\.0\\.0\\.1:\\d+"), address);
            String base = "http://" + address + "/debug/pprof/";
            app.await(ChildJvm.SERVING, Duration.ofSeconds(10));

            assertEquals(address, Attacher.attach(app.pid(), ChildJvm.agentJar(), "port=0"),
                    "a second attach finds the running agent");

            GoTop top = null;
            for (int attempt = 0; attempt < 30; attempt++) {
                Thread.sleep(500);
                top = GoTop.of(Http.get(base + "threadcreate").body(), "-cum");
                GoTop.Row row = top.rows().get(LeakyService.class.getName() + ".handleRequest");
                if (row != null && row.cumCount() >= 20) {
                    break;
                }
            }
            assertTrue(top.row(LeakyService.class.getName() + ".handleRequest").cumCount() >= 20, top.output());
            assertTrue(top.rows().containsKey("(created before pprof4j started)"), top.output());
        }
    }
}
