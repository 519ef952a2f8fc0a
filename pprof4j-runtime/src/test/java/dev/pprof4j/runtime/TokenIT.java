package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent as a guest: tokens are enforced, and bad options never hurt the host application. */
class TokenIT {
    @Test
    void everyRequestMustCarryTheToken() {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,token=s3cret").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            Http.Response without = Http.get(base + "goroutine?debug=1");
            assertEquals(401, without.status());
            assertTrue(without.text().startsWith("missing or wrong token"), without.text());
            assertEquals(401, Http.get(base + "goroutine?debug=1&token=wrong").status());
            assertEquals(401, Http.get(base.replace("/debug/pprof/", "/debug/vars")).status());
            assertEquals(200, Http.get(base + "goroutine?debug=1&token=s3cret").status());
            assertEquals(200, Http.get(base + "goroutine?debug=1", Duration.ofSeconds(30),
                    Map.of("Authorization", "Bearer s3cret")).status());
        }
    }

    @Test
    void badOptionsCostTheApplicationOneLineOnly() {
        String[][] cases = {
            {"host=0.0.0.0,port=0", "is not a loopback address: set token="},
            {"port=http", "port=http is not a number from 0 to 65535"},
            {"colour=blue", "unknown option 'colour'"},
        };
        for (String[] c : cases) {
            try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("2", "1")
                    .agent(ChildJvm.agentJar(), c[0]).start()) {
                app.await(Pattern.compile("leaked 2"), Duration.ofSeconds(60));
                String output = app.output();
                assertTrue(output.contains("pprof4j: not started: "), output);
                assertTrue(output.contains(c[1]), c[0] + " -> " + output);
                assertTrue(!output.contains("Exception") && !output.contains("\tat "), "no stack trace: " + output);
            }
        }
    }
}
