package dev.pprof4j.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Takes snapshots of every live thread: platform threads from the JVM's thread list and,
 * on JDK 21+, virtual threads from the JDK's thread dump (see {@link VirtualThreadDump}).
 */
final class LiveThreads {
    private final VirtualThreadDump virtualThreadDump = VirtualThreadDump.ifSupported();

    /** Whether virtual threads are included (JDK 21+). */
    boolean seesVirtualThreads() {
        return virtualThreadDump != null;
    }

    List<LiveThread> snapshot() {
        Map<Thread, StackTraceElement[]> platform = Thread.getAllStackTraces();
        List<LiveThread> threads = new ArrayList<>(platform.size() + 8);
        for (Map.Entry<Thread, StackTraceElement[]> e : platform.entrySet()) {
            Thread t = e.getKey();
            Thread.State state = t.getState();
            if (state == Thread.State.TERMINATED) {
                continue;
            }
            @SuppressWarnings("deprecation") // threadId() is JDK 19+; getId() is the same number
            long id = t.getId();
            threads.add(new LiveThread(id, t.getName(), state.name(), false, t.isDaemon(),
                    t.getClass().getName(), Arrays.asList(e.getValue())));
        }
        if (virtualThreadDump != null) {
            threads.addAll(virtualThreadDump.virtualThreads());
        }
        return threads;
    }
}
