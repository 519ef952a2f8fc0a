package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Goroutines (or threads) of a dump, grouped as a goroutine profile groups them: one sample
 * per stack and labels, counting how many share them. The labels say what a stack alone
 * does not: the state ({@code chan receive}, {@code WAITING}) as the string label
 * {@value #STATE}, the wait as the numeric label {@value #WAIT} in seconds, the creating
 * function as {@value #CREATED_BY}; {@code -tagfocus} and {@code -tags} work on them.
 */
final class GoroutineGroups {
    static final String STATE = "state";
    static final String WAIT = "wait";
    static final String CREATED_BY = "created_by";

    private final Profile profile;
    private final Map<Key, Sample> samples = new HashMap<>();
    private final HeapEstimate heap;
    private int locationsCharged;

    private record Key(List<Location> stack, String state, long waitSeconds, String createdBy) {
    }

    GoroutineGroups(Profile profile, HeapEstimate heap) {
        this.profile = profile;
        this.heap = heap;
        if (profile.sampleTypes.isEmpty()) {
            profile.periodType = new ValueType("goroutine", "count");
            profile.period = 1;
            profile.sampleTypes.add(new ValueType("goroutine", "count"));
        }
    }

    /**
     * Counts one goroutine with this stack (leaf first); {@code waitSeconds} &lt; 0 and empty
     * strings for what the dump does not say.
     */
    void add(List<Location> stack, String state, long waitSeconds, String createdBy)
            throws ProfileFormatException {
        // the frames the reader made for this stack (a location and mostly a function each)
        int made = profile.locations.size() - locationsCharged;
        locationsCharged = profile.locations.size();
        heap.charge(made * 2 * HeapEstimate.LOCATION, "reading thread dump");
        Key key = new Key(List.copyOf(stack), state, waitSeconds, createdBy);
        Sample s = samples.get(key);
        if (s == null) {
            s = new Sample(new java.util.ArrayList<>(stack), 0);
            if (!state.isEmpty()) {
                s.addLabel(STATE, state);
            }
            if (!createdBy.isEmpty()) {
                s.addLabel(CREATED_BY, createdBy);
            }
            if (waitSeconds >= 0) {
                s.addNumLabel(WAIT, waitSeconds, "seconds");
            }
            heap.charge(HeapEstimate.SAMPLE + HeapEstimate.FRAME * stack.size(), "reading thread dump");
            samples.put(key, s);
            profile.samples.add(s);
        }
        s.values[0]++;
    }

    int size() {
        return samples.size();
    }
}
