package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pprof4j.runtime.collect.heap.NativeLibrary;
import org.junit.jupiter.api.Test;

/**
 * What the JFR engines say about inlined methods before and after the agent turns the debug
 * information on. The truth itself (a share measured against the workload's CPU time) is
 * {@link InlinedMethodTruthIT}'s.
 */
class NonSafepointDebugInfoTest {
    @Test
    void notEnabledSaysWhereInlinedTimeGoesAndWhatFixesIt() {
        assertNull(NonSafepointDebugInfo.userFlag(), "the test JVM runs without -XX:±DebugNonSafepoints");
        NonSafepointDebugInfo info = NonSafepointDebugInfo.notEnabled(true);
        assertFalse(info.eventEnabled());
        assertEquals(-1, info.compiledMethodLoads());
        assertTrue(info.caveat().startsWith("the self time of inlined methods goes to their callers ("), info.caveat());
        assertTrue(info.caveat().endsWith("-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints puts it on them"),
                info.caveat());
    }

    @Test
    void enabledAfterJvmStartWarnsAboutCodeCompiledBefore() {
        assumeTrue(NativeLibrary.loadError() == null, "libpprof4j does not load here: " + NativeLibrary.loadError());
        NonSafepointDebugInfo info = NonSafepointDebugInfo.notEnabled(false);
        info.enable();
        info.enable(); // idempotent
        assertTrue(info.eventEnabled(), info.caveat());
        assertTrue(info.compiledMethodLoads() >= 0);
        assertTrue(info.caveat().startsWith("methods the JIT compiled before pprof4j started ("), info.caveat());
    }

    @Test
    void enabledAtJvmStartHasNoCaveat() {
        assumeTrue(NativeLibrary.loadError() == null, "libpprof4j does not load here: " + NativeLibrary.loadError());
        NonSafepointDebugInfo info = NonSafepointDebugInfo.notEnabled(true);
        info.enable();
        assertTrue(info.eventEnabled(), info.caveat());
        assertEquals("", info.caveat());
    }
}
