package dev.pprof4j.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Formats leaked threads the way goleak does ({@code found unexpected goroutines:} then
 * state, top function and stack), grouped: threads with the same state, stack and
 * creation site are one entry with a count, so a leaked pool of 50 reads as one finding.
 * An executor's workers are one entry whatever line started each of them: a pool's workers
 * are started by whichever {@code submit} finds the pool short of one, so their creation
 * stacks differ in the caller's line; they are told apart by the pool, which their thread
 * factory's name says ({@code pool-3-thread-}).
 */
final class LeakReport {
    private static final int NAMES_SHOWN = 5;

    private LeakReport() {
    }

    private record GroupKey(String state, boolean virtual, List<StackTraceElement> stack, Object createdBy) {
    }

    /** Frames through which an executor starts its workers. */
    private static final List<String> WORKER_STARTS = List.of(
            "java.util.concurrent.ThreadPoolExecutor.addWorker", "java.util.concurrent.ForkJoinPool.createWorker");

    static String format(List<LiveThread> leaked, Map<Long, CreationSite> sites, String sitesUnknown,
            Duration grace, boolean seesVirtualThreads) {
        Map<GroupKey, List<LiveThread>> groups = new LinkedHashMap<>();
        for (LiveThread thread : leaked) {
            CreationSite site = sites.get(thread.id());
            GroupKey key = new GroupKey(thread.state(), thread.virtual(), thread.stack(), creator(thread, site));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(thread);
        }
        StringBuilder out = new StringBuilder("found unexpected threads:\n");
        groups.forEach((key, threads) -> {
            LiveThread first = threads.get(0);
            out.append('\n').append('[').append(threads.size()).append(threads.size() == 1 ? " thread" : " threads")
                    .append(key.virtual() ? " (virtual)" : "").append(" in state ").append(key.state())
                    .append(", with ").append(first.topFunction().isEmpty() ? "no frames" : first.topFunction())
                    .append(" on top of the stack]: ").append(names(threads)).append('\n');
            key.stack().forEach(frame -> out.append("    ").append(frame).append('\n'));
            CreationSite site = sites.get(first.id());
            long places = threads.stream().map(t -> sites.get(t.id())).filter(java.util.Objects::nonNull)
                    .map(CreationSite::stack).distinct().count();
            if (site == null) {
                out.append("  created by: unknown (")
                        .append(first.virtual() ? "JFR records no creating stack for virtual threads" : sitesUnknown)
                        .append(")\n");
            } else {
                out.append("  created by thread \"").append(site.parentName()).append("\" (#")
                        .append(site.parentId()).append(") at")
                        .append(places > 1 ? " (the first of " + places + " places that started this pool's workers)" : "")
                        .append(":\n");
                List<StackTraceElement> frames = site.stack();
                int shown = untilTestFramework(frames);
                frames.subList(0, shown).forEach(frame -> out.append("    ").append(creationFrame(frame)).append('\n'));
                if (shown < frames.size()) {
                    out.append("    ... ").append(frames.size() - shown).append(" frames of the test framework\n");
                }
            }
        });
        out.append("\n").append(leaked.size()).append(leaked.size() == 1 ? " thread" : " threads")
                .append(" still alive ").append(grace.toMillis()).append(" ms after the test");
        if (!seesVirtualThreads) {
            out.append(" (virtual threads are only seen on JDK 21+)");
        }
        out.append("; threads alive before it and the JVM's own are ignored.\n");
        return out.toString();
    }

    /**
     * What tells this thread's creator apart from others': an executor's worker is known by its
     * pool (the thread's name without its number), any other thread by its creation stack.
     */
    private static Object creator(LiveThread thread, CreationSite site) {
        if (site == null) {
            return null;
        }
        String pool = thread.name().replaceFirst("\\d+$", "");
        boolean worker = site.stack().stream().anyMatch(f -> WORKER_STARTS.contains(f.getClassName() + "." + f.getMethodName()));
        return worker && !pool.isEmpty() && !pool.equals(thread.name()) ? "pool " + pool : site.stack();
    }

    private static String names(List<LiveThread> threads) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < threads.size() && i < NAMES_SHOWN; i++) {
            LiveThread t = threads.get(i);
            names.append(i == 0 ? "" : ", ").append('"').append(t.name()).append("\" #").append(t.id());
        }
        if (threads.size() > NAMES_SHOWN) {
            names.append(", ... ").append(threads.size() - NAMES_SHOWN).append(" more");
        }
        return names.toString();
    }

    /**
     * How many frames to show of a creation stack: up to the reflective call into the test
     * method. Below it are only JUnit's dozens of frames, the same for every test.
     */
    static int untilTestFramework(List<StackTraceElement> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getClassName().startsWith("org.junit.")) {
                int end = i;
                while (end > 1 && isReflection(frames.get(end - 1).getClassName())) {
                    end--;
                }
                return end;
            }
        }
        return frames.size();
    }

    private static boolean isReflection(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.reflect.")
                || className.startsWith("java.lang.invoke.");
    }

    /** JFR frames carry no file name: {@code pkg.Class.method(line 12)}. */
    private static String creationFrame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName()
                + (frame.getLineNumber() >= 0 ? "(line " + frame.getLineNumber() + ")" : "");
    }
}
