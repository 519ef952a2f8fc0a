package dev.pprof4j.runtime.http;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap the agent's requests may hold at once, shared by all of them: an eighth of the
 * host's maximum heap (2 MiB to 256 MiB). Every request reserves {@link #BASE_BYTES} as it
 * starts and more for what it builds (a thread dump's {@code ThreadInfo}s); a reservation
 * that does not fit, or that would take the host's heap past {@link #HEAP_CEILING} of its
 * maximum (live data after the last collection plus what is reserved), is refused with 503
 * and a one-line reason — before anything is allocated, so the host never meets an
 * {@link OutOfMemoryError} that a profile request caused.
 */
final class MemoryBudget {
    /** What any request may build without asking: the parsed request, a small answer. */
    static final long BASE_BYTES = 256 * 1024;
    /** The share of the maximum heap beyond which the agent takes no more of it. */
    static final double HEAP_CEILING = 0.85;

    private final long maxHeap;
    private final long capacity;
    private long reserved;

    MemoryBudget() {
        this(Runtime.getRuntime().maxMemory());
    }

    MemoryBudget(long maxHeap) {
        this.maxHeap = maxHeap;
        this.capacity = Math.max(2L << 20, Math.min(256L << 20, maxHeap / 8));
    }

    long capacity() {
        return capacity;
    }

    /** Reserves {@code bytes} for {@code what}, or refuses with 503 when that would put the host's heap at risk. */
    synchronized Reservation reserve(long bytes, String what) throws HttpError {
        if (reserved + bytes > capacity) {
            throw HttpError.unavailable("pprof4j's memory budget (" + mib(capacity) + " MiB, an eighth of the heap) is"
                    + " held by requests in progress; " + what + " needs " + mib(bytes) + " MiB; retry shortly");
        }
        long live = liveHeap();
        if (live + reserved + bytes > HEAP_CEILING * maxHeap) {
            throw HttpError.unavailable("the host's heap is nearly full (" + mib(live) + " of " + mib(maxHeap)
                    + " MiB live after the last collection); pprof4j will not add " + mib(bytes) + " MiB for " + what);
        }
        reserved += bytes;
        return new Reservation(bytes);
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
    }

    /**
     * Heap in use by live data: per pool, its use after the last collection where the JVM
     * reports one (old generations), else its use now (which counts garbage too).
     */
    static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                continue;
            }
            MemoryUsage afterGc = pool.isCollectionUsageThresholdSupported() ? pool.getCollectionUsage() : null;
            MemoryUsage now = pool.getUsage();
            if (afterGc != null && isOld(pool.getName())) {
                live += afterGc.getUsed();
            } else if (now != null && !isYoung(pool.getName())) {
                live += now.getUsed();
            }
        }
        return live;
    }

    /** Eden is mostly garbage until a collection says otherwise; survivors are counted. */
    private static boolean isYoung(String pool) {
        return pool.contains("Eden") || pool.equals("ZGC Young Generation");
    }

    private static boolean isOld(String pool) {
        return pool.contains("Old") || pool.contains("Tenured");
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** Bytes held for one request until it ends. */
    final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            long held = bytes;
            bytes = 0;
            release(held);
        }
    }
}
