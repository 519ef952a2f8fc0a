package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.protocol.DumpedThread;
import dev.pprof4j.protocol.ThreadDumpJson;
import dev.pprof4j.protocol.ThreadDumpText;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.util.List;

/**
 * The JDK's thread dumps read as a goroutine profile ({@link GoroutineGroups}): jstack's,
 * {@code jcmd Thread.print}'s and {@code jcmd Thread.dump_to_file}'s text
 * ({@link ThreadDumpText}) and {@code Thread.dump_to_file}'s JSON ({@link ThreadDumpJson}),
 * the readers pprof4j-junit lists virtual threads with. Frames are named by the agent's
 * {@link ProfileBuilder}, so a dump lines up with the agent's goroutine profile under
 * {@code -base}.
 */
final class JavaThreadDumpReader {
    private JavaThreadDumpReader() {
    }

    static Profile readText(String text, HeapEstimate heap) throws ProfileFormatException {
        return profile(ThreadDumpText.read(text), heap, "parsing Java thread dump: no Java thread in it");
    }

    static Profile readJson(String text, HeapEstimate heap) throws ProfileFormatException {
        List<DumpedThread> threads;
        try {
            threads = ThreadDumpJson.read(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException("parsing JSON thread dump: " + e.getMessage(), e);
        }
        return profile(threads, heap, "parsing JSON thread dump: no threadDump.threadContainers[].threads[]");
    }

    private static Profile profile(List<DumpedThread> threads, HeapEstimate heap, String empty)
            throws ProfileFormatException {
        if (threads.isEmpty()) {
            throw new ProfileFormatException(empty);
        }
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count"));
        Profile profile = builder.build();
        profile.timeNanos = 0; // the builder's clock says when we read the dump, not when it was taken
        GoroutineGroups groups = new GoroutineGroups(profile, heap);
        for (DumpedThread thread : threads) {
            groups.add(builder.stack(thread.stack().toArray(StackTraceElement[]::new)), thread.state(), -1, "");
        }
        return profile;
    }
}
