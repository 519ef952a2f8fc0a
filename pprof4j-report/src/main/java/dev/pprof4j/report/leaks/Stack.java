package dev.pprof4j.report.leaks;

import java.util.List;
import java.util.Optional;

/**
 * A stack of frames, innermost first (as pprof and a Java stack trace both order them).
 * {@link #UNKNOWN} stands for a stack the source could not give, e.g. the creating stack of a
 * thread started before the agent was.
 */
public record Stack(List<Frame> frames) {
    public static final Stack UNKNOWN = new Stack(List.of());

    public Stack {
        frames = List.copyOf(frames);
    }

    public boolean isUnknown() {
        return frames.isEmpty();
    }

    /**
     * The innermost frame that is application code rather than the JDK: where the leak's
     * site is named. Falls back to the innermost frame for stacks made only of JDK frames.
     */
    public Optional<Frame> applicationFrame() {
        for (Frame f : frames) {
            if (!f.isPlatform()) {
                return Optional.of(f);
            }
        }
        return frames.isEmpty() ? Optional.empty() : Optional.of(frames.get(0));
    }

    /** The application frames after {@link #applicationFrame()}: who called it. */
    public Optional<Frame> applicationCaller() {
        boolean seen = false;
        for (Frame f : frames) {
            if (f.isPlatform()) {
                continue;
            }
            if (seen && !f.methodKey().equals(applicationFrame().orElseThrow().methodKey())) {
                return Optional.of(f);
            }
            seen = true;
        }
        return Optional.empty();
    }

    /** True when some frame's function contains {@code fragment}. */
    public boolean mentions(String fragment) {
        for (Frame f : frames) {
            if (f.function().contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** True when some application (non-JDK) frame's function contains {@code fragment}. */
    public boolean mentionsInApplication(String fragment) {
        for (Frame f : frames) {
            if (!f.isPlatform() && f.function().contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code max} frames. */
    public List<Frame> top(int max) {
        return frames.subList(0, Math.min(max, frames.size()));
    }

    @Override
    public String toString() {
        return isUnknown() ? "(unknown)" : frames.get(0).toString();
    }
}
