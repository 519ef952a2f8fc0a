package dev.pprof4j.runtime.collect.jfr;

import dev.pprof4j.runtime.collect.DiagnosticCommands;
import dev.pprof4j.runtime.collect.build.StackTable;
import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import dev.pprof4j.runtime.collect.gc.GcPauses;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * The one JFR stream the agent keeps open while it runs, feeding the tables that must cover
 * the time since start rather than a request's window: thread creation stacks
 * ({@code threadcreate}, {@code created by}), allocation samples (the {@code allocs} fallback)
 * park and monitor waits ({@code block}, {@code mutex}) and GC pauses ({@code /debug/vars}). Events arrive about once a
 * second (JFR's flush interval), so a thread started a moment ago may not be known yet.
 */
public final class JfrEventStream implements AutoCloseable {
    /** Waits shorter than this are not recorded; Go's block profile samples short waits instead. */
    public static final Duration CONTENTION_THRESHOLD = Duration.ofMillis(10);

    /** The names of the threads the agent starts (its HTTP pool, this stream's reader). */
    static final String AGENT_THREAD_PREFIX = "pprof4j-";

    private final RecordingStream stream;

    /**
     * @param commands    runs {@code JFR.configure}, which sizes JFR's buffers before the stream starts JFR
     * @param allocations where JFR's allocation samples go; null when a heap sampler runs instead
     * @param block       where park and monitor waits go (with {@code mutex}); null when the JVMTI
     *                    contention sampler runs instead
     * @param oldCycles   counts G1's concurrent cycles, which no GC bean counts before JDK 20
     */
    public JfrEventStream(DiagnosticCommands commands, CreatedByTable createdBy, StackTable allocations, StackTable block, StackTable mutex,
            GcPauses gcPauses, ConcurrentOldCycles oldCycles) {
        JfrMemory.sizeForStream(commands); // before the stream starts JFR; what it left alone needs no word
        stream = new RecordingStream();
        // JFR keeps chunks on disk for a stream; we read each event once, so keep little.
        stream.setMaxAge(Duration.ofSeconds(30));
        stream.setReuse(true);
        // Ordered delivery sorts each flush in an array of 100 000 events the stream keeps (400 KB
        // of heap for good). Nothing here needs the order: a thread's end seen before its start
        // leaves an entry for a dead thread, which no one asks for and the table prunes.
        stream.setOrdered(false);
        stream.enable("jdk.ThreadStart").withStackTrace();
        stream.enable("jdk.ThreadEnd");
        if (allocations != null) {
            stream.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "150/s");
        }
        if (block != null) {
            stream.enable("jdk.ThreadPark").withStackTrace().withThreshold(CONTENTION_THRESHOLD);
            stream.enable("jdk.JavaMonitorEnter").withStackTrace().withThreshold(CONTENTION_THRESHOLD);
            stream.enable("jdk.JavaMonitorWait").withStackTrace().withThreshold(CONTENTION_THRESHOLD);
        }
        stream.enable("jdk.GarbageCollection");
        stream.onEvent("jdk.GarbageCollection", event -> {
            // A concurrent cycle cut short by a full collection reports no pause at all.
            long pauses = event.getDuration("sumOfPauses").toNanos();
            if (pauses > 0) {
                gcPauses.record(pauses);
            }
            oldCycles.collected(event.getString("name"));
        });
        stream.onEvent("jdk.ThreadStart", event -> {
            RecordedThread thread = event.getThread("thread");
            // eventThread is the parent on JDK 17 too, but parentThread says so explicitly.
            RecordedThread parent = event.hasField("parentThread") ? event.getThread("parentThread") : event.getThread();
            if (thread != null) {
                createdBy.started(thread.getJavaThreadId(), parent == null ? "" : parent.getJavaName(),
                        JfrStacks.of(event.getStackTrace()));
            }
        });
        stream.onEvent("jdk.ThreadEnd", event -> {
            RecordedThread thread = event.getThread("thread");
            if (thread != null) {
                createdBy.ended(thread.getJavaThreadId());
            }
        });
        if (allocations != null) {
            stream.onEvent("jdk.ObjectAllocationSample", event -> {
                if (!onAgentThread(event)) {
                    allocations.add(JfrStacks.of(event.getStackTrace()), 1, event.getLong("weight"));
                }
            });
        }
        if (block != null) {
            contention(stream, block, mutex);
        }
        // startAsync() runs the stream on a non-daemon thread, which would keep the host JVM
        // alive after its main returns; run it on a daemon thread of our own instead.
        Thread runner = new Thread(() -> {
            try {
                stream.start();
            } catch (RuntimeException e) {
                // closed, or JFR failed: the tables stop growing; requests still answer
            }
        }, "pprof4j-jfr-events");
        runner.setDaemon(true);
        runner.start();
    }

    /** The thresholded fallback for block and mutex (biased against short waits; see ContentionProfiles). */
    private static void contention(RecordingStream stream, StackTable block, StackTable mutex) {
        stream.onEvent("jdk.ThreadPark", event -> {
            if (onAgentThread(event)) {
                return;
            }
            List<StackTraceElement> stack = JfrStacks.of(event.getStackTrace());
            long nanos = event.getDuration().toNanos();
            block.add(stack, 1, nanos);
            RecordedClass parkedClass = event.getClass("parkedClass");
            if (parkedClass != null && parkedClass.getName().contains("Lock")) {
                mutex.add(stack, 1, nanos);
            }
        });
        stream.onEvent("jdk.JavaMonitorEnter", event -> {
            if (onAgentThread(event)) {
                return;
            }
            List<StackTraceElement> stack = JfrStacks.of(event.getStackTrace());
            long nanos = event.getDuration().toNanos();
            block.add(stack, 1, nanos);
            mutex.add(stack, 1, nanos);
        });
        stream.onEvent("jdk.JavaMonitorWait", event -> {
            if (!onAgentThread(event)) {
                onWait(event, block);
            }
        });
    }

    /**
     * Events of the agent's own threads (its request pool, this stream's reader) are left out
     * of the tables: every request the agent serves allocates along slightly different stacks,
     * so keeping them made an idle application's heap grow with each scrape (about 0.5-2 MB a
     * leak-hunt round, up to the tables' bound) — the agent's retention, not the application's.
     */
    static boolean onAgentThread(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        String name = thread == null ? null : thread.getJavaName();
        return name != null && name.startsWith(AGENT_THREAD_PREFIX);
    }

    private static void onWait(RecordedEvent event, StackTable block) {
        block.add(JfrStacks.of(event.getStackTrace()), 1, event.getDuration().toNanos());
    }

    @Override
    public void close() {
        stream.close();
    }
}
