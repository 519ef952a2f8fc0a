package dev.pprof4j.runtime.collect.history;

/**
 * Live threads at one tick, counted by (own stack, creating stack, virtual, pprof4j's own):
 * what the goroutine and threadcreate profiles and the leak hunt need, without names or ids.
 * A creating stack that is {@link HistoryStack#EMPTY} is unknown (the thread started before
 * the agent).
 */
final class ThreadGroups {
    static final byte VIRTUAL = 1;
    static final byte AGENT_OWN = 2;

    final HistoryStack[] stacks;
    final HistoryStack[] createdBy;
    final byte[] flags;
    final int[] counts;

    ThreadGroups(HistoryStack[] stacks, HistoryStack[] createdBy, byte[] flags, int[] counts) {
        this.stacks = stacks;
        this.createdBy = createdBy;
        this.flags = flags;
        this.counts = counts;
    }

    int size() {
        return counts.length;
    }

    boolean virtual(int group) {
        return (flags[group] & VIRTUAL) != 0;
    }

    boolean agentOwn(int group) {
        return (flags[group] & AGENT_OWN) != 0;
    }

    long bytes() {
        return 32 + Interner.align(16 + 4L * counts.length) * 3 + Interner.align(16 + counts.length);
    }
}
