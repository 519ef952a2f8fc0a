package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token can be kept off the command line (a file, or {@code PPROF4J_TOKEN}), and wherever
 * it is given the agent never shows it: not in {@code cmdline}, not in {@code /debug/vars},
 * not in what it prints.
 */
class TokenSourcesIT {
    private static final String SECRET = "s3cret-7f1e9a";

    @Test
    void tokenFromAFileOrTheEnvironmentIsEnforcedAndNeverShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, SECRET + "\n");
        ChildJvm.Builder[] starts = {
            ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                    .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0,tokenfile=" + file),
            ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                    .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0").env("PPROF4J_TOKEN", SECRET),
            // on the command line (visible in ps): still masked in everything the agent shows
            ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                    .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0,token=" + SECRET),
        };
        for (ChildJvm.Builder start : starts) {
            try (ChildJvm app = start.start()) {
                String base = app.awaitPprofUrl(Duration.ofSeconds(60));
                Map<String, String> bearer = Map.of("Authorization", "Bearer " + SECRET);
                assertEquals(401, Http.get(base + "/debug/pprof/cmdline").status());
                Http.Response cmdline = Http.get(base + "/debug/pprof/cmdline", Duration.ofSeconds(30), bearer);
                assertEquals(200, cmdline.status());
                Http.Response vars = Http.get(base + "/debug/vars", Duration.ofSeconds(30), bearer);
                assertEquals(200, vars.status());
                assertFalse(cmdline.text().contains(SECRET), "cmdline shows the token: " + cmdline.text());
                assertTrue(cmdline.text().contains("-javaagent:"), cmdline.text());
                assertFalse(vars.text().contains(SECRET), "/debug/vars shows the token");
                assertFalse(app.output().contains(SECRET), "the agent printed the token: " + app.output());
            }
        }
    }
}
