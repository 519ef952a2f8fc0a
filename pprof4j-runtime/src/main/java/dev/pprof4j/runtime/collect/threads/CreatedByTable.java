package dev.pprof4j.runtime.collect.threads;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stack that started each live thread, from JFR's {@code jdk.ThreadStart} events (the
 * event's stack is the parent's, inside {@code Thread.start}). Threads that started before
 * the agent have no entry: they print as "unknown". Dead threads are forgotten on
 * {@code jdk.ThreadEnd}, and, in case an end event is lost, whenever the table outgrows the
 * live threads by a margin.
 */
public final class CreatedByTable {
    /** One thread's creation: the parent thread's name and its stack in {@code Thread.start}. */
    public record Creation(String parentName, List<StackTraceElement> stack) {
    }

    private static final int SLACK = 1024;

    private final Map<Long, Creation> byThreadId = new ConcurrentHashMap<>();
    /**
     * Ends that came before their thread's start: the JFR stream delivers a flush's events
     * unordered (see JfrEventStream), so a thread that started and ended within one flush may
     * be seen ending first. Only the last few are kept; ends of threads the table never knew
     * (started before the agent) pass through here too.
     */
    private final Map<Long, Boolean> endedUnseen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > SLACK;
        }
    };

    public void started(long threadId, String parentName, List<StackTraceElement> stack) {
        synchronized (endedUnseen) {
            if (endedUnseen.remove(threadId) != null) {
                return;
            }
        }
        byThreadId.put(threadId, new Creation(parentName, stack));
    }

    public void ended(long threadId) {
        if (byThreadId.remove(threadId) == null) {
            synchronized (endedUnseen) {
                endedUnseen.put(threadId, Boolean.TRUE);
            }
        }
    }

    /** The creation of a live thread, or null when it started before the agent. */
    public Creation creation(long threadId) {
        return byThreadId.get(threadId);
    }

    public int size() {
        return byThreadId.size();
    }

    /** Drops entries of threads not among {@code liveIds} once the table holds many more. */
    public void forgetDead(Collection<Long> liveIds) {
        if (byThreadId.size() <= liveIds.size() + SLACK) {
            return;
        }
        Set<Long> live = liveIds instanceof Set<Long> set ? set : new HashSet<>(liveIds);
        byThreadId.keySet().removeIf(id -> !live.contains(id));
    }
}
