package dev.pprof4j.runtime.collect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Every live thread with its stack: platform threads from {@link ThreadMXBean} (one
 * safepoint for all of them, with lock details when asked) and virtual threads from
 * {@link VirtualThreads}, each with {@link Thread#getStackTrace()}.
 */
public final class LiveThreads {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final VirtualThreads virtualThreads;
    private final Method threadId;

    public LiveThreads(VirtualThreads virtualThreads) {
        this.virtualThreads = virtualThreads;
        Method id;
        try {
            id = Thread.class.getMethod("threadId"); // JDK 19+; getId() is deprecated there
        } catch (NoSuchMethodException e) {
            id = null;
        }
        this.threadId = id;
    }

    public VirtualThreads virtualThreads() {
        return virtualThreads;
    }

    /** Live threads now; {@code withLocks} adds held monitors and synchronizers (slower). */
    public List<ThreadSample> snapshot(boolean withLocks) {
        ThreadInfo[] platform = threads.dumpAllThreads(withLocks && threads.isObjectMonitorUsageSupported(),
                withLocks && threads.isSynchronizerUsageSupported());
        List<Thread> virtual = virtualThreads.list();
        List<ThreadSample> samples = new ArrayList<>(platform.length + virtual.size());
        for (ThreadInfo info : platform) {
            if (info == null) {
                continue;
            }
            samples.add(new ThreadSample(info.getThreadId(), info.getThreadName(), false, info.isDaemon(),
                    info.getThreadState(), info.getStackTrace(), withLocks ? info : null));
        }
        for (Thread thread : virtual) {
            StackTraceElement[] stack = thread.getStackTrace();
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED) {
                continue;
            }
            samples.add(new ThreadSample(id(thread), thread.getName(), true, true, state, stack, null));
        }
        return samples;
    }

    /** The number of live platform threads plus virtual threads, cheaply (for the index page). */
    public int count() {
        return threads.getThreadCount() + virtualThreads.list().size();
    }

    @SuppressWarnings("deprecation")
    private long id(Thread thread) {
        if (threadId != null) {
            try {
                return (Long) threadId.invoke(thread);
            } catch (ReflectiveOperationException e) {
                // fall through to getId
            }
        }
        return thread.getId();
    }
}
