/**
 * Heap truth: live heap and allocations by allocation site, exact heap by class, and who
 * holds it.
 *
 * <h2>Live heap by site: our own JVMTI library, not async-profiler</h2>
 * {@link dev.pprof4j.runtime.collect.heap.HeapSampler} is Go's heap profiler on the JVM:
 * JVMTI {@code SampledObjectAlloc} at a mean interval (HotSpot draws exponential intervals,
 * as Go does; default 512 KiB, {@code memprofilerate=}), the stack taken in the allocating
 * thread's callback, a JNI weak global reference per sample, samples dropped when their
 * reference clears, and every sample scaled by 1/(1-e^(-size/rate)) — per sample, where Go
 * scales per (stack, size) bucket; a Java site allocates arrays of many sizes. Unlike Go, the
 * agent's interval rises above the default rate while sampling would take more than its CPU
 * budget ({@code memprofilebudget=}, 0.5 %; a {@code memprofilerate=} asked for alone stays
 * fixed): a sample costs the JVM several times what it costs Go's runtime; each sample is
 * then scaled by the interval it was drawn with (docs/HEAP.md).
 *
 * <p>Why our own library (src/main/native, about 600 lines of C): async-profiler's
 * {@code alloc,live} keeps at most 1024 weak references and drops new samples when full,
 * which at 512 KiB covers about 512 MB of live heap; the truth tests here hold 2 GB. Its
 * {@code alloc} weights also over-count the smallest objects by about half (issue 8),
 * and it would have to be driven through its text/JFR output. Our tables only grow: live
 * samples are bounded by the live heap over the rate (2 GB at 512 KiB is about 4000), swept
 * of cleared references whenever the table doubles, so no sample is dropped for want of room.
 *
 * <p>Crash safety: method names, files and line tables are copied when a stack is first
 * seen (a jmethodID of an unloaded class is not safe to resolve later); a stack holds no
 * thread reference (threads may exit); capabilities are added in the live phase from
 * JNI_OnLoad, so attach after start works; after VMDeath the natives touch nothing of the
 * JVM and return empty. No Java object is allocated while the native lock is held (the
 * allocation could be sampled and re-enter the callback).
 *
 * <p>Without the library (another platform, no gcc at build time), {@code /heap} serves no
 * in-use-by-site numbers and says in the profile's comment what is missing.
 */
package dev.pprof4j.runtime.collect.heap;
