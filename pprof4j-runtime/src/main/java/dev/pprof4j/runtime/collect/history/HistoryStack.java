package dev.pprof4j.runtime.collect.history;

import java.util.Arrays;

/**
 * A stack, leaf first, shared by every snapshot that saw it (through {@link Interner}): a
 * service whose 10 000 threads wait in a few places costs a few stacks, once, however many
 * snapshots the ring holds.
 */
final class HistoryStack {
    static final HistoryStack EMPTY = new HistoryStack(new HistoryFrame[0]);

    private final HistoryFrame[] frames;
    private final int hash;

    HistoryStack(HistoryFrame[] frames) {
        this.frames = frames;
        this.hash = Arrays.hashCode(frames);
    }

    int depth() {
        return frames.length;
    }

    HistoryFrame frame(int i) {
        return frames[i];
    }

    boolean isEmpty() {
        return frames.length == 0;
    }

    /** True when a frame belongs to pprof4j's own runtime (its threads, its tables). */
    boolean isAgentOwn() {
        for (HistoryFrame frame : frames) {
            if (frame.className().startsWith("dev.pprof4j.runtime.")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryStack s && s.hash == hash && Arrays.equals(s.frames, frames);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
