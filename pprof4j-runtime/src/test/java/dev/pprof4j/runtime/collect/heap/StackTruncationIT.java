package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A heap stack deeper than {@code profstackdepth} keeps its leaf-most frames and ends in a
 * frame that says it was cut, so tree and flame views show no false root; a stack that fits
 * has no such frame, also when it is exactly as deep as the limit allows.
 */
class StackTruncationIT {
    private static final int DEPTH = 32;

    @Test
    void aCutStackEndsInATruncationFrameAndAWholeOneDoesNot() throws Exception {
        try (ChildJvm app = ChildJvm.builder(DeepAndShallowStacks.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=16384,profstackdepth=" + DEPTH)
                .start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("ready"), Duration.ofSeconds(60));
            Http.Response r = Http.get(base + "/debug/pprof/allocs");
            assertEquals(200, r.status());
            Profile profile = new ProfileDecoder().decode(new ByteArrayInputStream(r.body()));
            int deep = 0, shallow = 0;
            for (Sample s : profile.samples) {
                List<String> names = s.locations.stream().map(StackTruncationIT::function).toList();
                String root = names.get(names.size() - 1);
                boolean cut = root.equals(StackFrame.TRUNCATED.methodName());
                if (names.get(0).endsWith("DeepAndShallowStacks.deep")) {
                    deep++;
                    assertTrue(cut, "a 60-frame stack must end in the truncation frame: " + names);
                    assertEquals(DEPTH + 1, names.size(), names.toString());
                } else if (names.get(0).endsWith("DeepAndShallowStacks.shallow")) {
                    shallow++;
                    assertTrue(!cut && root.endsWith("DeepAndShallowStacks.main"), "a 12-frame stack is whole: " + names);
                }
                assertEquals(cut ? 1 : 0, names.stream().filter(StackFrame.TRUNCATED.methodName()::equals).count(),
                        names.toString());
            }
            assertTrue(deep > 0 && shallow > 0, "samples at both depths: deep " + deep + ", shallow " + shallow);
        }
    }

    private static String function(Location location) {
        return location.lines.get(0).function().name;
    }
}
