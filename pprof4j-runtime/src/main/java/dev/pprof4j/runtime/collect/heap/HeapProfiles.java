package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.protocol.JavaFrames;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.util.ArrayList;
import java.util.List;

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
        ProfileBuilder b = new ProfileBuilder(new ValueType("space", "bytes"), snapshot.rate(),
                new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes"))
                .defaultSampleType(defaultSampleType)
                .timeNanos(snapshot.timeNanos())
                .comment("engine: pprof4j JVMTI SampledObjectAlloc (libpprof4j), one sample per "
                        + snapshot.rate() + " bytes allocated on average, each scaled by 1/(1-exp(-size/rate))"
                        + " as Go does; " + inuseNote(snapshot)
                        + budgetNote(snapshot) + FewSamplesNote.of(snapshot.sites())
                        + OutsideTlabBias.note(Runtime.version().feature()));
        for (HeapSite site : snapshot.sites()) {
            if (site.allocSamples() == 0 && site.liveSamples() == 0) {
                continue; // a site forgotten by reset()
            }
            List<Location> stack = new ArrayList<>(site.stack().size());
            for (StackFrame f : site.stack()) {
                stack.add(b.location(f.className(), f.methodName(), f.fileName(), f.line()));
            }
            Sample s = b.add(stack, site.allocObjects(), site.allocSpace(), site.inuseObjects(), site.inuseSpace());
            if (site.allocSamples() > 0 && hasFixedSize(site.className())) {
                s.addNumLabel("bytes", site.allocSampleBytes() / site.allocSamples(), "bytes");
            }
            s.addLabel("object", site.className());
        }
        return b.build();
    }

    /** What in use counts, for the profile's comment. */
    static String inuseNote(HeapSnapshot snapshot) {
        if (snapshot.inuseAsOfLastGc()) {
            return "in use = sampled objects still reachable that were allocated before the last completed GC"
                    + " (in use is as of the last GC, as in Go; gc=1 runs one first)";
        }
        return snapshot.collections() == 0
                ? "in use = sampled objects still reachable; no GC has completed yet, so garbage counts too"
                : "in use = sampled objects still reachable (this JVM reports no GCs to JVMTI, so garbage not yet"
                        + " collected counts too)";
    }

    /**
     * What the CPU budget did to the interval, for the profile's comment: the rate is the period
     * only while no sample was drawn above it.
     */
    static String budgetNote(HeapSnapshot snapshot) {
        if (snapshot.budget() <= 0) {
            return "";
        }
        SamplerStats st = snapshot.stats();
        String budget = String.format(java.util.Locale.ROOT, "%.2f", snapshot.budget() * 100)
                .replaceAll("\\.?0+$", "");
        if (st.raisedSamples() == 0) {
            return "; CPU budget " + budget + " % of the process (the interval never had to rise)";
        }
        return "; CPU budget " + budget + " % of the process: the interval rose to as much as " + st.maxRate()
                + " bytes for " + st.raisedSamples() + " of " + st.samples() + " samples (now " + st.rate()
                + "), each scaled by the interval it was drawn with";
    }

    /**
     * Whether every object of the class has one size, so that the mean size of a site's sampled
     * objects is that size and the same in every profile. Only then does a sample carry Go's
     * {@code bytes} label: tools that key samples by their labels (Grafana Alloy's delta step
     * hashes them) would take an array site whose mean size drifts for a new stack each scrape.
     */
    public static boolean hasFixedSize(String className) {
        return !className.endsWith("]");
    }

    /** {@code java/util/HashMap.java}: the package's path and the class's SourceFile. */
    static String sourcePath(StackFrame f) {
        return JavaFrames.fileName(f.className(), f.fileName());
    }
}
