/**
 * Go's {@code block} and {@code mutex} profiles: {@link dev.pprof4j.runtime.collect.contention.ContentionProfiles}
 * is the one place they are made (cumulative since start; deltas subtract two), from libpprof4j's
 * JVMTI contention sampler ({@link dev.pprof4j.runtime.collect.contention.ContentionSampler}:
 * monitor events and a re-bound {@code Unsafe.park}, sampled by Go's rules, the mutex profile
 * charged to the holder's stack) or, where it cannot run, from the JFR stream's thresholded
 * events, labelled as biased against short waits. docs/RUNTIME.md, "block and mutex", says what
 * is seen, what is not, and what it costs.
 */
package dev.pprof4j.runtime.collect.contention;
