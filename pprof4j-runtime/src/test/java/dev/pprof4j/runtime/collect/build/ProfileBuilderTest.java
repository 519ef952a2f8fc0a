package dev.pprof4j.runtime.collect.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {
    static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }

    @Test
    void sharesFunctionsAndLocationsAndMergesEqualStacks() {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count"));
        StackTraceElement[] stack = {frame("a.B", "leaf", "B.java", 10), frame("a.C", "root", "C.java", 5)};
        // JFR frames carry no file name; the function is still the same one.
        StackTraceElement[] jfr = {frame("a.B", "leaf", null, 11), frame("a.C", "root", null, 5)};
        builder.merge(builder.stack(stack), 1);
        builder.merge(builder.stack(stack), 1);
        builder.merge(builder.stack(jfr), 1);
        Profile profile = builder.build();
        assertEquals(2, profile.samples.size());
        assertArrayEquals(new long[] {2}, profile.samples.get(0).values);
        assertEquals(2, profile.functions.size());
        assertEquals(3, profile.locations.size(), "B.leaf:10, B.leaf:11, C.root:5");
        assertEquals("a.B.leaf", profile.functions.get(0).name);
        assertEquals("a/B.java", profile.functions.get(0).filename);
        assertSame(profile.samples.get(0).locations.get(1), profile.samples.get(1).locations.get(1));
    }

    @Test
    void lambdaAndHiddenClassNamesAreStableAcrossRuns() {
        assertEquals("a.Main$$Lambda", ProfileBuilder.stableClassName("a.Main$$Lambda$147/0x00007f20e4087770"));
        assertEquals("a.Main$$Lambda", ProfileBuilder.stableClassName("a.Main$$Lambda/0x0000000801001200"));
        assertEquals("a.Hidden", ProfileBuilder.stableClassName("a.Hidden/0x0000000801001200"));
        assertEquals("a.Plain$Inner", ProfileBuilder.stableClassName("a.Plain$Inner"));
        assertEquals("a/Main.java", ProfileBuilder.fileName("a.Main$$Lambda", null));
        assertEquals("Top.java", ProfileBuilder.fileName("Top", null));
    }

    @Test
    void refusesSamplesWithTheWrongNumberOfValues() {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), 10,
                new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"));
        List<Location> stack = List.of(builder.pseudoLocation("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(stack, 1));
        assertEquals("a sample needs 2 values ([samples/count, cpu/nanoseconds]), got [1]", e.getMessage());
    }
}
