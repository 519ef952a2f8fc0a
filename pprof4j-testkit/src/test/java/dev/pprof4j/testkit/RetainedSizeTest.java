package dev.pprof4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetainedSizeTest {
    /** Lives anyway (a static), so no holder retains it. */
    static final long[] SHARED = new long[500];

    /** The graph under test; its sizes follow from HotSpot's layout with compressed oops. */
    static final class Holder {
        final long[] own = new long[1000];
        final long[] shared = SHARED;
        final Object[] list = {new byte[100], new byte[200], SHARED};
        final WeakReference<byte[]> weak = new WeakReference<>(new byte[50_000]);
    }

    @Test
    void countsWhatOnlyTheInstanceHolds() throws Exception {
        Holder holder = new Holder();
        byte[] weakTarget = holder.weak.get(); // strongly held here, so only the weak edge leads from the holder
        RetainedSize.Result result = RetainedSize.ofLiveInstances(Holder.class.getName());
        Reference.reachabilityFence(holder);
        Reference.reachabilityFence(weakTarget);

        Map<String, Long> bytes = result.byClass().stream()
                .collect(Collectors.toMap(RetainedSize.ClassBytes::className, RetainedSize.ClassBytes::bytes));
        assertEquals(1, result.instances());
        // Holder: 12-byte header + 4 references = 28 -> 32; long[1000]: 16 + 8000;
        // Object[3]: 16 + 12 -> 32; byte[100]: 116 -> 120; byte[200]: 216; the WeakReference:
        // 12 + 4 references (referent, queue, next, discovered) -> 32. Not SHARED (a static
        // holds it) and not the weak referent (held here, and a weak edge retains nothing).
        assertEquals(Map.of(Holder.class.getName(), 32L, "long[]", 8016L, "java.lang.Object[]", 32L,
                "byte[]", 336L, "java.lang.ref.WeakReference", 32L), bytes, result.text(10));
        assertEquals(32 + 8016 + 32 + 336 + 32, result.bytes());
        assertEquals(6, result.objects());
    }
}
