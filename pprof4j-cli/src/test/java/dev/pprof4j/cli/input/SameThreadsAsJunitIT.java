package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.junit.LiveThread;
import dev.pprof4j.junit.ThreadLeaks;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.testkit.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pprof4j-junit and the CLI read the JDK's thread dumps with one reader
 * ({@code dev.pprof4j.protocol.ThreadDumpText}); this checks on this very JVM that they see the
 * same threads and frames. Virtual threads (JDK 21+) and platform threads park in
 * {@link #park} and {@link #parkDeeper}; {@link ThreadLeaks#find} says what {@code @NoThreadLeaks}
 * would report of them, and {@code jcmd Thread.dump_to_file}, as text and as JSON, is read as the
 * CLI reads a dump file. Each distinct stack of virtual threads (function, file and line of every
 * frame) must be held by as many threads on both sides, and be what {@link Thread#getStackTrace()}
 * gives. JUnit lists platform threads through {@link Thread#getAllStackTraces()}, which keeps the
 * frames the JDK's dumps hide; there the dump's frames must be JUnit's, in order.
 */
class SameThreadsAsJunitIT {
    private static final String PREFIX = "same-threads-";
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final List<Thread> started = new ArrayList<>();
    private static final List<Thread> virtual = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void parkThreads() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads and Thread.dump_to_file came with JDK 21");
        for (int i = 0; i < 3; i++) {
            virtual.add(startVirtual(PREFIX + "virtual-" + i, () -> park(NEVER)));
        }
        virtual.add(startVirtual(PREFIX + "virtual-deeper", () -> parkDeeper(NEVER)));
        started.addAll(virtual);
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> park(NEVER), PREFIX + "platform-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Thread t : started) {
            while (t.getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < deadline, t + " did not park within 60 s: " + t.getState());
                Thread.sleep(5);
            }
        }
    }

    /** Through reflection: this module is compiled for JDK 17. */
    private static Thread startVirtual(String name, Runnable body) throws ReflectiveOperationException {
        Thread t = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
        t.setName(name);
        return t;
    }

    @AfterAll
    static void release() {
        NEVER.countDown();
    }

    static void park(CountDownLatch never) {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void parkDeeper(CountDownLatch never) {
        park(never);
    }

    @Test
    void theCliReadsInTheDumpsTheThreadsAndFramesJunitSees() throws IOException {
        List<LiveThread> seen = ThreadLeaks.find().stream().filter(t -> t.name().startsWith(PREFIX)).toList();
        assertEquals(started.size(), seen.size(), "what @NoThreadLeaks sees: " + seen);
        assertEquals(virtual.size(), seen.stream().filter(LiveThread::virtual).count(), seen.toString());
        Map<String, Long> junitVirtual = new TreeMap<>();
        Map<String, Long> junitPlatform = new TreeMap<>();
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1, new ValueType("goroutine", "count"));
        for (LiveThread t : seen) {
            (t.virtual() ? junitVirtual : junitPlatform).merge(
                    frames(builder.stack(t.stack().toArray(StackTraceElement[]::new))), 1L, Long::sum);
        }
        assertEquals(2, junitVirtual.size(), "virtual threads in park and in parkDeeper: " + junitVirtual.keySet());
        assertEquals(1, junitPlatform.size(), junitPlatform.keySet().toString());
        String platformStack = junitPlatform.keySet().iterator().next();

        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = Long.toString(ProcessHandle.current().pid());
        for (String format : List.of("plain", "json")) {
            Path dump = dir.resolve("dump." + format);
            List<String> command = List.of(jcmd, pid, "Thread.dump_to_file", "-format=" + format, dump.toString());
            Command.run(Duration.ofSeconds(60), command).requireSuccess(command);
            byte[] data = Files.readAllBytes(dump);
            Profile profile = TextFormat.sniff(Arrays.copyOf(data, Math.min(4096, data.length))).read(data);
            Map<String, Long> cliVirtual = new TreeMap<>();
            Map<String, Long> cliPlatform = new TreeMap<>();
            for (Sample s : profile.samples) {
                String frames = frames(s.locations);
                if (frames.contains(SameThreadsAsJunitIT.class.getName() + ".park ")) {
                    (frames.startsWith("java.lang.VirtualThread.park ") ? cliVirtual : cliPlatform)
                            .merge(frames, s.values[0], Long::sum);
                }
            }
            // Virtual threads: both read the JDK's dump, with one reader.
            assertEquals(junitVirtual, cliVirtual, format + " dump read by the CLI against what @NoThreadLeaks sees");
            // Platform threads: JUnit has them from Thread.getAllStackTraces, which keeps the
            // frames the dump hides (a lambda's proxy class, Thread.runWith on JDK 21+); every
            // frame of the dump is there, in order.
            assertEquals(1, cliPlatform.size(), format + ": " + cliPlatform.keySet());
            String cliStack = cliPlatform.keySet().iterator().next();
            assertEquals(junitPlatform.get(platformStack), cliPlatform.get(cliStack), format);
            assertTrue(isSubsequence(cliStack.split("\n"), platformStack.split("\n")),
                    format + ": the dump's frames\n" + cliStack + "are not in JUnit's, in order:\n" + platformStack);
        }
    }

    private static boolean isSubsequence(String[] part, String[] whole) {
        int i = 0;
        for (String frame : whole) {
            if (i < part.length && part[i].equals(frame)) {
                i++;
            }
        }
        return i == part.length;
    }

    @Test
    void virtualThreadsHaveTheStacksTheJvmGives() {
        Map<String, LiveThread> seen = new TreeMap<>();
        ThreadLeaks.find().stream().filter(LiveThread::virtual).forEach(t -> seen.put(t.name(), t));
        for (Thread t : virtual) {
            List<String> truth = Arrays.stream(t.getStackTrace()).map(SameThreadsAsJunitIT::frame).toList();
            assertEquals(truth, seen.get(t.getName()).stack().stream().map(SameThreadsAsJunitIT::frame).toList(),
                    t.getName());
        }
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName() + " " + e.getFileName() + ":" + Math.max(e.getLineNumber(), 0);
    }

    /** One frame a line: function, file and line, as the profile names them. */
    private static String frames(List<Location> stack) {
        StringBuilder b = new StringBuilder();
        for (Location l : stack) {
            Line line = l.lines.get(0);
            b.append(line.function().name).append(' ').append(line.function().filename).append(':').append(line.line())
                    .append('\n');
        }
        return b.toString();
    }
}
