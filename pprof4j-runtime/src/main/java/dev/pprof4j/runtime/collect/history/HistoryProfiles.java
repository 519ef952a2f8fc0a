package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.threads.ThreadProfiles;
import dev.pprof4j.runtime.collect.heap.HeapProfiles;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot from the history as the profile that would have been served at its moment:
 * the same sample types and frame names as {@link ThreadProfiles} and the heap sampler's
 * profile, so that {@code now − then} subtracts stack by stack (the {@code since=} delta).
 */
public final class HistoryProfiles {
    private HistoryProfiles() {
    }

    public static Profile goroutine(HistorySnapshot snapshot) {
        ProfileBuilder b = builder(snapshot, "goroutine");
        List<Location> noFrames = List.of(b.pseudoLocation(ThreadProfiles.NO_JAVA_FRAMES));
        ThreadGroups threads = snapshot.threads;
        for (int i = 0; i < threads.size(); i++) {
            HistoryStack stack = threads.stacks[i];
            b.merge(stack.isEmpty() ? noFrames : locations(b, stack), threads.counts[i]);
        }
        return b.build();
    }

    /** Live platform threads by the stack that started them, as {@code threadcreate} counts them. */
    public static Profile threadCreate(HistorySnapshot snapshot) {
        ProfileBuilder b = builder(snapshot, "threadcreate");
        List<Location> unknown = List.of(b.pseudoLocation(ThreadProfiles.UNKNOWN_CREATOR));
        ThreadGroups threads = snapshot.threads;
        for (int i = 0; i < threads.size(); i++) {
            if (threads.virtual(i)) {
                continue;
            }
            HistoryStack creator = threads.createdBy[i];
            b.merge(creator.isEmpty() ? unknown : locations(b, creator), threads.counts[i]);
        }
        return b.build();
    }

    /**
     * The heap sampler's profile at the snapshot (Go's four heap sample types, period
     * space/bytes), with {@code defaultSampleType} as the live endpoint sets it.
     *
     * @throws IllegalStateException when the snapshot has no heap sites (no sampler ran)
     */
    public static Profile heap(HistorySnapshot snapshot, String defaultSampleType) {
        HeapReading heap = snapshot.heap;
        if (heap == null) {
            throw new IllegalStateException("the history has no heap samples: no heap sampler ran");
        }
        ProfileBuilder b = new ProfileBuilder(new ValueType("space", "bytes"), heap.rate,
                new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes"))
                .defaultSampleType(defaultSampleType)
                .timeNanos(snapshot.timeMillis * 1_000_000L);
        for (int i = 0; i < heap.sites(); i++) {
            long samples = heap.value(i, HeapReading.ALLOC_SAMPLES);
            Sample s = b.add(locations(b, heap.stacks[i]), heap.value(i, HeapReading.ALLOC_OBJECTS),
                    heap.value(i, HeapReading.ALLOC_SPACE), heap.value(i, HeapReading.INUSE_OBJECTS),
                    heap.value(i, HeapReading.INUSE_SPACE));
            if (samples > 0 && HeapProfiles.hasFixedSize(heap.classes[i])) {
                s.addNumLabel("bytes", heap.value(i, HeapReading.ALLOC_SAMPLE_BYTES) / samples, "bytes");
            }
            s.addLabel("object", heap.classes[i]);
        }
        return b.build();
    }

    private static ProfileBuilder builder(HistorySnapshot snapshot, String type) {
        return new ProfileBuilder(new ValueType(type, "count"), 1, new ValueType(type, "count"))
                .timeNanos(snapshot.timeMillis * 1_000_000L);
    }

    private static List<Location> locations(ProfileBuilder b, HistoryStack stack) {
        List<Location> out = new ArrayList<>(stack.depth());
        for (int i = 0; i < stack.depth(); i++) {
            HistoryFrame f = stack.frame(i);
            out.add(b.location(f.className(), f.methodName(), f.fileName(), f.line()));
        }
        return out;
    }
}
