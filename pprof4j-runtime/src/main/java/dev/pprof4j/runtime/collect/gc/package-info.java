/**
 * The garbage collector and memory as Go's {@code runtime.MemStats} names them: the last GC
 * pauses and the MemStats fields, one owner for {@code /debug/vars} and {@code heap?debug=1}.
 */
package dev.pprof4j.runtime.collect.gc;
