/**
 * Live threads, platform and virtual, and the profiles made of them: {@code goroutine} (each
 * thread counted by its own stack) and {@code threadcreate} (each thread counted by the stack
 * that started it, from {@link dev.pprof4j.runtime.collect.threads.CreatedByTable}).
 * {@link dev.pprof4j.runtime.collect.threads.LiveThreads} is the one way in: it takes every
 * stack the cheapest way this JDK allows and finds the virtual threads that
 * {@code ThreadMXBean} leaves out.
 */
package dev.pprof4j.runtime.collect.threads;
