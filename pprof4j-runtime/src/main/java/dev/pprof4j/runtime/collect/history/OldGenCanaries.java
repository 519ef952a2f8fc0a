package dev.pprof4j.runtime.collect.history;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Counts collections that marked the old generation (a G1 concurrent cycle, a full GC, a ZGC
 * major cycle), which the GC beans do not tell apart from young ones on every JVM. Each tick
 * leaves a tiny canary object, holds it until it has outlived the tenuring threshold (so it
 * sits in the old generation), then lets it go behind a weak reference: the reference is
 * cleared only by a collection that marked the old generation.
 *
 * <p>Why it matters: without a GC of its own, the history's in-use bytes by site include
 * garbage not yet collected, and old garbage waits for such a collection. Growth is evidence
 * of a leak only across one of them.
 */
final class OldGenCanaries {
    private static final int MAX_CANARIES = 64;

    private final int tenuringGcs = tenuringThreshold() + 1;
    private final ArrayDeque<Canary> held = new ArrayDeque<>();
    private final ArrayDeque<WeakReference<Object>> released = new ArrayDeque<>();
    private long oldCollections;

    /** Called once a tick with the JVM's total GC count; returns old collections seen so far. */
    long observe(long gcCount) {
        boolean cleared = false;
        for (Iterator<WeakReference<Object>> i = released.iterator(); i.hasNext(); ) {
            if (i.next().get() == null) {
                i.remove();
                cleared = true;
            }
        }
        if (cleared) {
            oldCollections++;
        }
        while (!held.isEmpty() && gcCount - held.peekFirst().bornAtGc >= tenuringGcs) {
            Canary c = held.removeFirst();
            released.addLast(new WeakReference<>(c.object));
        }
        while (held.size() + released.size() >= MAX_CANARIES && !released.isEmpty()) {
            released.removeFirst();
        }
        if (held.size() < MAX_CANARIES) {
            held.addLast(new Canary(new Object(), gcCount));
        }
        return oldCollections;
    }

    private static int tenuringThreshold() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(hotspot.getVMOption("MaxTenuringThreshold").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 15; // HotSpot's largest
        }
    }

    private record Canary(Object object, long bornAtGc) {
    }
}
