package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HeapSnapshot} as the pprof profile Go's {@code writeHeapProto} writes: sample types
 * alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes in that
 * order, period_type space/bytes, period = the sampling rate, and per sample a {@code bytes}
 * label with the average object size. Java adds an {@code object} label: the allocated class.
 */
public final class HeapProfiles {
    private HeapProfiles() {
    }

    /** {@code /debug/pprof/heap}: inuse_space shown by default (the last sample type). */
    public static Profile heap(HeapSnapshot snapshot) {
        return build(snapshot, "");
    }

    /** {@code /debug/pprof/allocs}: the same data, alloc_space shown by default. */
    public static Profile allocs(HeapSnapshot snapshot) {
        return build(snapshot, "alloc_space");
    }

    private static Profile build(HeapSnapshot snapshot, String defaultSampleType) {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("alloc_objects", "count"));
        p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
        p.sampleTypes.add(new ValueType("inuse_objects", "count"));
        p.sampleTypes.add(new ValueType("inuse_space", "bytes"));
        p.periodType = new ValueType("space", "bytes");
        p.period = snapshot.rate();
        p.defaultSampleType = defaultSampleType;
        p.timeNanos = snapshot.timeNanos();
        p.comments.add("engine: pprof4j JVMTI SampledObjectAlloc (libpprof4j), one sample per "
                + snapshot.rate() + " bytes allocated on average, each scaled by 1/(1-exp(-size/rate)) as Go does;"
                + " in-use = samples whose object was still reachable (weak reference not cleared)");
        Map<String, Function> functions = new HashMap<>();
        Map<Function, Map<Long, Location>> locations = new HashMap<>();
        for (HeapSite site : snapshot.sites()) {
            if (site.allocSamples() == 0 && site.liveSamples() == 0) {
                continue; // a site forgotten by reset()
            }
            List<Location> stack = new ArrayList<>(site.stack().size());
            for (StackFrame f : site.stack()) {
                Function fn = functions.computeIfAbsent(f.functionName(),
                        name -> new Function(name, sourcePath(f)));
                Location loc = locations.computeIfAbsent(fn, k -> new HashMap<>())
                        .computeIfAbsent((long) f.line(), line -> new Location(new Line(fn, line)));
                stack.add(loc);
            }
            Sample s = new Sample(stack, site.allocObjects(), site.allocSpace(), site.inuseObjects(), site.inuseSpace());
            if (site.allocSamples() > 0) {
                s.addNumLabel("bytes", site.allocSampleBytes() / site.allocSamples(), "bytes");
            }
            s.addLabel("object", site.className());
            p.samples.add(s);
        }
        return p;
    }

    /** {@code java/util/HashMap.java}: the package's path and the class's SourceFile. */
    static String sourcePath(StackFrame f) {
        if (f.fileName().isEmpty()) {
            return "";
        }
        int dot = f.className().lastIndexOf('.');
        return dot < 0 ? f.fileName() : f.className().substring(0, dot + 1).replace('.', '/') + f.fileName();
    }
}
