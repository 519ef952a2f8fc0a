package dev.pprof4j.runtime.collect.threads;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the live virtual threads (JDK 21+), which {@code Thread.getAllStackTraces()} and
 * {@code ThreadMXBean} leave out. It walks the JDK's own thread containers
 * ({@code jdk.internal.vm.ThreadContainers}: the root container tracks every virtual thread
 * started directly, executors and scopes hold the rest), which finds 100 000 threads in tens
 * of milliseconds where {@code HotSpotDiagnosticMXBean.dumpThreads} takes seconds and writes
 * 100 MB of JSON. The package is internal, so the agent opens it to itself with
 * {@link Instrumentation#redefineModule}; without an {@code Instrumentation} (started from
 * code) the walk works only if the application was run with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
 */
public final class VirtualThreads {
    private static final String CONTAINERS = "jdk.internal.vm.ThreadContainers";
    private static final String CONTAINER = "jdk.internal.vm.ThreadContainer";

    private final Method root;
    private final Method children;
    private final Method threads;
    /** {@code Thread.isVirtual()}, a handle because it runs once per live thread of every kind. */
    private final MethodHandle isVirtual;
    private final String unavailableReason;
    /** How many the last {@link #list()} found: the next list is sized for about as many, not grown to them. */
    private volatile int lastFound;

    private VirtualThreads(Method root, Method children, Method threads, MethodHandle isVirtual, String reason) {
        this.root = root;
        this.children = children;
        this.threads = threads;
        this.isVirtual = isVirtual;
        this.unavailableReason = reason;
    }

    /** Opens the JDK's thread containers to this class where possible; never throws. */
    public static VirtualThreads open(Instrumentation instrumentation) {
        if (Runtime.version().feature() < 21) {
            return new VirtualThreads(null, null, null, null, "no virtual threads before JDK 21");
        }
        try {
            Module javaBase = Object.class.getModule();
            Module self = VirtualThreads.class.getModule();
            // Opened, not only exported: ThreadStacks reaches the package-private ThreadSnapshot (JDK 25).
            if (instrumentation != null && !javaBase.isOpen("jdk.internal.vm", self)) {
                instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.vm", Set.of(self)),
                        Map.of("jdk.internal.vm", Set.of(self)), Set.of(), Map.of());
            }
            Class<?> containers = Class.forName(CONTAINERS);
            Class<?> container = Class.forName(CONTAINER);
            VirtualThreads found = new VirtualThreads(containers.getMethod("root"), container.getMethod("children"),
                    container.getMethod("threads"), MethodHandles.publicLookup().findVirtual(Thread.class,
                            "isVirtual", MethodType.methodType(boolean.class)), null);
            found.list(); // fails now, not on the first request, when access is denied
            return found;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new VirtualThreads(null, null, null, null, "cannot list virtual threads (" + e
                    + "); start pprof4j as an agent, or run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
        }
    }

    /** Null when {@link #list()} works, else why virtual threads are left out. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** Every live virtual thread; empty when they cannot be listed (see {@link #unavailableReason()}). */
    public List<Thread> list() {
        if (unavailableReason != null) {
            return List.of();
        }
        try {
            // A thread is in the one container it was started in, so a container seen once is
            // enough; only containers (a handful) are remembered, never the threads.
            int expected = lastFound;
            List<Thread> found = new ArrayList<>(expected + expected / 16 + 16);
            List<Object> pending = new ArrayList<>();
            pending.add(root.invoke(null));
            Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
            while (!pending.isEmpty()) {
                Object container = pending.remove(pending.size() - 1);
                if (!visited.add(container)) {
                    continue;
                }
                try (Stream<?> members = (Stream<?>) threads.invoke(container)) {
                    members.forEach(member -> {
                        Thread thread = (Thread) member;
                        if (isVirtual(thread)) {
                            found.add(thread);
                        }
                    });
                }
                try (Stream<?> nested = (Stream<?>) children.invoke(container)) {
                    nested.forEach(pending::add);
                }
            }
            lastFound = found.size();
            return found;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("walking the JDK's thread containers failed: " + e, e);
        }
    }

    private boolean isVirtual(Thread thread) {
        try {
            return (boolean) isVirtual.invokeExact(thread);
        } catch (Throwable e) {
            return false; // isVirtual() throws nothing; the handle cannot fail once found
        }
    }
}
