/**
 * From Java stacks to pprof profiles, shared by every collector so that frames are named
 * alike in every profile: {@link dev.pprof4j.runtime.collect.build.ProfileBuilder} (one
 * function per method, one location per line), the stable names of generated classes, bounded
 * per-stack tables for events that arrive one at a time, and the deltas Go serves
 * ({@code seconds=N}) and godeltaprof serves (since the previous answer).
 */
package dev.pprof4j.runtime.collect.build;
