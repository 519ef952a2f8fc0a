package dev.pprof4j.report.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlameGraphJsonTest {

    private static String json(FrameTree tree) {
        StringWriter out = new StringWriter();
        FlameGraphJson.write(tree, "t", List.of("note"), 1, out);
        return out.toString();
    }

    @Test
    void valuesAreDividedByTheirCommonPeriodAndDepthsStoredAsSteps() {
        FrameTree tree = FrameTree.of(new Profiles("samples/count", "cpu/nanoseconds")
                .add("a;b", 3, 30_000_000).add("a;c", 1, 10_000_000).add("d", 2, 20_000_000).profile());
        String json = json(tree);
        assertTrue(json.contains("{\"type\":\"cpu\",\"unit\":\"nanoseconds\",\"scale\":10000000}"), json);
        // pre-order root, a, b, c, d: depths 0 1 2 2 1
        assertTrue(json.contains("\"up\":[0,0,0,1,2]"), json);
        assertTrue(json.contains("\"values\":[[6,4,3,1,2],\n[6,4,3,1,2]]"), json);
        assertTrue(json.contains("\"names\":[\"root\",\"a\",\"b\",\"c\",\"d\"]"), json);
        assertFalse(json.contains("\"base\""), json);
    }

    @Test
    void frameNamesCannotCloseTheScriptElement() {
        FrameTree tree = FrameTree.of(new Profiles("samples/count").add("</script><b>&\"x\\", 1).profile());
        String json = json(tree);
        assertFalse(json.contains("</"), json);
        assertTrue(json.contains("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\\"x\\\\\""), json);
    }

    @Test
    void scaleIsOneWhenEverythingIsZero() {
        assertEquals(1, FlameGraphJson.scale(FrameTree.of(new Profiles("samples/count").profile()), 0));
    }
}
