package dev.pprof4j.runtime.collect.heap;

import java.util.List;

/**
 * One allocation site (a stack and the class allocated there) with Go's four heap values,
 * each sample scaled by 1/(1-e^(-size/rate)) as Go's {@code scaleHeapSample} does, plus the
 * raw sample counts behind them (Go's {@code debug=1} text prints those).
 *
 * @param stack           leaf first
 * @param className       the allocated class, Java form ({@code byte[]}, {@code java.lang.Long})
 * @param allocObjects    estimated objects allocated here since sampling began (or the last reset)
 * @param allocSpace      estimated bytes allocated here
 * @param inuseObjects    estimated objects from here still reachable at the snapshot
 * @param inuseSpace      estimated bytes from here still reachable
 * @param allocSamples    samples taken here
 * @param allocSampleBytes bytes of the sampled objects
 * @param liveSamples     samples whose object is still reachable
 * @param liveSampleBytes bytes of those objects
 */
public record HeapSite(List<StackFrame> stack, String className,
                       long allocObjects, long allocSpace, long inuseObjects, long inuseSpace,
                       long allocSamples, long allocSampleBytes, long liveSamples, long liveSampleBytes) {
    public HeapSite {
        stack = List.copyOf(stack);
    }

    /** The innermost frame's function, or the class name for an empty stack. */
    public String leafFunction() {
        return stack.isEmpty() ? className : stack.get(0).functionName();
    }
}
