package dev.pprof4j.report.leaks;

/**
 * Threads that share a stack and a creating stack. Either may be {@link Stack#UNKNOWN}:
 * a source that reports threads only by stack (goroutine) or only by creating stack
 * (threadcreate) fills one of them.
 */
public record ThreadKey(Stack stack, Stack createdBy) {
}
