package dev.pprof4j.runtime.collect.gc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The last 256 GC pauses, as Go's {@code MemStats.PauseNs} keeps them.
 *
 * <p>Fed by the agent's JFR stream when it runs ({@code jdk.GarbageCollection}'s sum of pauses,
 * one entry per collection, in nanoseconds), else by the GC beans' notifications
 * ({@link #listenToGcBeans()}; millisecond resolution). The stream is the default because the
 * notifications are the dearer of the two by far: the JVM builds a {@code GcInfo} with every
 * memory pool's usage before and after for each collection, about a millisecond of CPU on the
 * notification thread — measured at 0.6 % of a core on an allocation-heavy service, more than
 * the rest of the idle agent. With notifications, collectors that report concurrent cycles
 * (G1's "G1 Concurrent GC", ZGC's and Shenandoah's "Cycles") are left out: their durations are
 * not pauses.
 */
public final class GcPauses implements AutoCloseable {
    public static final int SIZE = 256;

    private final long[] pauseNanos = new long[SIZE];
    private long count;
    private long totalNanos;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    public GcPauses() {
    }

    /** Records pauses from the GC beans' notifications (when no JFR stream feeds {@link #record}). */
    public void listenToGcBeans() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter && isPause(bean.getName())) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    static boolean isPause(String collectorName) {
        String name = collectorName.toLowerCase(Locale.ROOT);
        return !name.contains("concurrent") && !name.contains("cycles");
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        record(info.getGcInfo().getDuration() * 1_000_000L);
    }

    public synchronized void record(long nanos) {
        pauseNanos[(int) (count % SIZE)] = nanos;
        count++;
        totalNanos += nanos;
    }

    /** Pauses seen since start. */
    public synchronized long count() {
        return count;
    }

    public synchronized long totalNanos() {
        return totalNanos;
    }

    /** Go's circular buffer: the most recent pause is at {@code [(count+255) % 256]}. */
    public synchronized long[] recentNanos() {
        return pauseNanos.clone();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
