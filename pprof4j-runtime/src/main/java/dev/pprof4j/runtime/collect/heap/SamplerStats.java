package dev.pprof4j.runtime.collect.heap;

/**
 * The sampler's own counters.
 *
 * @param samples        SampledObjectAlloc callbacks handled
 * @param dropped        samples lost because our native tables could not grow (out of memory)
 * @param callbackNanos  total time spent in the callback, all threads (estimated: one callback in 16 is timed)
 * @param liveSamples    samples whose object had not been seen collected at the last sweep
 * @param sites          distinct (stack, class) sites
 * @param rate           current mean sampling interval in bytes
 * @param baseRate       the interval asked for ({@code memprofilerate}); {@code rate} is above it only
 *                       while the CPU budget holds it up
 * @param raisedSamples  samples drawn at an interval above {@code baseRate}
 * @param maxRate        the largest interval a sample was drawn with since start
 */
public record SamplerStats(long samples, long dropped, long callbackNanos, long liveSamples,
                           long sites, long rate, long baseRate, long raisedSamples, long maxRate) {
}
