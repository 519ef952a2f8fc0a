package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Overlapping windows of one engine: a fake engine numbers its recordings, each yielding one
 * sample on a frame named after it, so a window's profile shows exactly which slices it got.
 */
class CpuWindowsTest {
    private static final CpuEngine.CpuRequest CPU = new CpuEngine.CpuRequest(Duration.ofSeconds(1),
            CpuEngine.CpuRequest.DEFAULT_INTERVAL, "cpu");

    /** Recording n yields one sample at frame {@code slice.n}; counts what runs. */
    static final class NumberedEngine implements CpuEngine {
        int started;
        int running;
        int read;

        @Override
        public String name() {
            return "numbered";
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public boolean offers(String mode) {
            return true;
        }

        @Override
        public CpuRecording start(CpuRequest request) {
            int n = ++started;
            running++;
            assertEquals(1, running, "one recording samples at a time");
            return new CpuRecording() {
                boolean done;

                @Override
                public void stopSampling() {
                    close();
                }

                @Override
                public Profile stop() {
                    close();
                    read++;
                    ProfileBuilder builder = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), 10,
                            new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"));
                    builder.add(builder.stack(new StackTraceElement[] {
                            new StackTraceElement("slice", String.valueOf(n), "slice.java", 1)}), 1, 10);
                    return builder.build();
                }

                @Override
                public void close() {
                    if (!done) {
                        done = true;
                        running--;
                    }
                }
            };
        }
    }

    private static Map<String, Long> slices(Profile profile) {
        Map<String, Long> bySlice = new TreeMap<>();
        for (Sample sample : profile.samples) {
            bySlice.merge(sample.locations.get(0).lines.get(0).function().name, sample.values[0], Long::sum);
        }
        return bySlice;
    }

    @Test
    void overlappingWindowsEachGetExactlyTheirOwnSlices() throws Exception {
        NumberedEngine engine = new NumberedEngine();
        CpuWindows windows = new CpuWindows(engine);
        CpuWindows.Window pusher = windows.open(CPU);          // recording 1
        CpuWindows.Window request = windows.open(CPU);         // cut: 1 ends, 2 starts
        Profile requestProfile = request.stop();               // cut: 2 ends, 3 starts
        Profile firstPush = pusher.rollOver();                 // cut: 3 ends, 4 starts
        Profile secondPush = pusher.stop();                    // 4 ends; nothing restarts

        assertEquals(Map.of("slice.2", 1L), slices(requestProfile));
        assertEquals(Map.of("slice.1", 1L, "slice.2", 1L, "slice.3", 1L), slices(firstPush));
        assertEquals(Map.of("slice.4", 1L), slices(secondPush));
        assertEquals(0, engine.running, "the engine is idle when no window is open");
        assertEquals(4, engine.read, "each slice read once, however many windows share it");
        assertEquals(0, windows.openWindows());
        assertTrue(secondPush.timeNanos >= firstPush.timeNanos, "windows follow one another");
        assertTrue(firstPush.durationNanos > 0 && secondPush.durationNanos > 0);
    }

    @Test
    void anotherModeIsRefusedWhileOneRunsAndAClosedWindowLeavesTheOthersRunning() throws Exception {
        NumberedEngine engine = new NumberedEngine();
        CpuWindows windows = new CpuWindows(engine);
        CpuWindows.Window pusher = windows.open(CPU);
        CpuWindows.InUseException refused = assertThrows(CpuWindows.InUseException.class, () -> windows.open(
                new CpuEngine.CpuRequest(Duration.ofSeconds(1), Duration.ofMillis(50), "wall")));
        assertTrue(refused.getMessage().contains("cpu profiling already in use with mode=cpu"), refused.getMessage());
        CpuWindows.Window gone = windows.open(CPU);
        gone.close(); // the client went away: no profile, the pusher's window goes on
        assertEquals(1, engine.running);
        assertEquals(Map.of("slice.1", 1L, "slice.2", 1L), slices(pusher.stop()));
        assertEquals(0, engine.running);
    }
}
