package dev.pprof4j.runtime.collect;

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
 * The last 256 GC pauses, as Go's {@code MemStats.PauseNs} keeps them, from the GC beans'
 * notifications. Collectors that report concurrent cycles (G1's "G1 Concurrent GC", ZGC's and
 * Shenandoah's "Cycles") are left out: their durations are not pauses.
 */
public final class GcPauses implements AutoCloseable {
    public static final int SIZE = 256;

    private final long[] pauseNanos = new long[SIZE];
    private long count;
    private long totalNanos;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    GcPauses() {
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

    synchronized void record(long nanos) {
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
