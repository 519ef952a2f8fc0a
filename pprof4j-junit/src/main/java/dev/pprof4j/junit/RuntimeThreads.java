package dev.pprof4j.junit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The threads a leak check ignores by default (goleak ignores the Go runtime's own
 * goroutines the same way): the JVM's service threads, JFR's, the virtual-thread
 * scheduler's, idle common-pool workers, and the test runners' (JUnit, Surefire, IDEs).
 * None of them is started by the code under test, and all of them outlive it by design.
 */
final class RuntimeThreads {
    private static final Pattern NAMES = Pattern.compile(String.join("|",
            // the JVM itself
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Common-Cleaner",
            "Notification Thread", "Service Thread", "DestroyJavaVM", "process reaper",
            "Keep-Alive-Timer", "Keep-Alive-SocketCleaner",
            // JFR (the creation-site recording starts some of these)
            "JFR .*",
            // the virtual-thread scheduler's helpers (JDK 21+)
            "VirtualThread-unparker", "VirtualThread-unblocker", "Read-Poller", "Write-Poller", "MasterPoller",
            // test runners and IDEs
            "junit-jupiter-timeout-watcher", "surefire-forkedjvm-.*", "Monitor Ctrl-Break"));

    /** Platform threads that carry virtual threads; they idle in the scheduler's pool. */
    private static final Set<String> CARRIER_CLASSES = Set.of("jdk.internal.misc.CarrierThread");

    private RuntimeThreads() {
    }

    static boolean isRuntimeThread(LiveThread thread) {
        if (thread.virtual()) {
            return false;
        }
        if (CARRIER_CLASSES.contains(thread.className()) || NAMES.matcher(thread.name()).matches()) {
            return true;
        }
        // Common-pool workers linger idle for a while after any parallel stream; one that
        // is busy in user code is still reported.
        return thread.name().startsWith("ForkJoinPool.commonPool-worker-")
                && thread.hasFrame("java.util.concurrent.ForkJoinPool.awaitWork");
    }
}
