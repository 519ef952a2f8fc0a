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

    /**
     * An engine that splits its recording as async-profiler does: slice n is handed over at
     * the n-th split (or the stop) while the same recording samples on. Its
     * {@code declineSplits} makes it refuse, as a recording past its size limit does.
     */
    static final class SplittingEngine implements CpuEngine {
        int started;
        int running;
        int slicesRead;
        boolean declineSplits;
        final java.util.List<Profile> made = new java.util.ArrayList<>();
        private int slice;

        @Override
        public String name() {
            return "splitting";
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public CpuRecording start(CpuRequest request) {
            started++;
            running++;
            assertEquals(1, running, "one recording samples at a time");
            return new CpuRecording() {
                boolean done;

                @Override
                public CpuRecording split() {
                    assertTrue(!done, "split after stop");
                    return declineSplits ? null : finished(++slice);
                }

                @Override
                public void stopSampling() {
                    close();
                }

                @Override
                public Profile stop() {
                    close();
                    return sliceProfile(++slice);
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

        private CpuRecording finished(int n) {
            return new CpuRecording() {
                @Override
                public Profile stop() {
                    return sliceProfile(n);
                }

                @Override
                public void close() {
                }
            };
        }

        private Profile sliceProfile(int n) {
            slicesRead++;
            ProfileBuilder builder = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), 10,
                    new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"));
            builder.add(builder.stack(new StackTraceElement[] {
                    new StackTraceElement("slice", String.valueOf(n), "slice.java", 1)}), 1, 10);
            made.add(builder.build());
            return builder.build();
        }
    }

    @Test
    void aSliceOnlyOneWindowHoldsIsHandedOverUncopiedAndASharedOneIsCopied() throws Exception {
        SplittingEngine engine = new SplittingEngine();
        CpuWindows windows = new CpuWindows(engine);
        CpuWindows.Window pusher = windows.open(CPU);
        Profile alone = pusher.rollOver();                     // slice 1, the pusher's alone
        CpuWindows.Window request = windows.open(CPU);         // slice 2, the pusher's alone
        Profile requestProfile = request.stop();               // slice 3, shared
        requestProfile.samples.get(0).values[0] = 1000;        // what a consumer may do to its own profile
        Profile shared = pusher.rollOver();                    // slice 4; slices 2 to 4 merged

        assertTrue(alone == engine.made.get(0), "a slice nobody shares is not copied");
        assertEquals(Map.of("slice.1", 1L), slices(alone));
        assertEquals(Map.of("slice.2", 1L, "slice.3", 1L, "slice.4", 1L), slices(shared),
                "the shared slice is the pusher's own copy, untouched by the request's change");
        assertTrue(alone.durationNanos >= 0 && alone.timeNanos > 0, "the window's span is set: " + alone.timeNanos);
        pusher.close();
    }

    @Test
    void aRecordingThatSplitsIsCutWithoutARestartUnlessItDeclines() throws Exception {
        SplittingEngine engine = new SplittingEngine();
        CpuWindows windows = new CpuWindows(engine);
        CpuWindows.Window pusher = windows.open(CPU);          // started; slice 1 samples
        CpuWindows.Window request = windows.open(CPU);         // split: slice 1 handed over
        Profile requestProfile = request.stop();               // split: slice 2
        Profile firstPush = pusher.rollOver();                 // split: slice 3
        assertEquals(1, engine.started, "cut by splitting, never restarted");
        engine.declineSplits = true;
        Profile secondPush = pusher.rollOver();                // declined: stop (slice 4), start again
        engine.declineSplits = false;
        Profile thirdPush = pusher.stop();                     // the last window stops: slice 5

        assertEquals(Map.of("slice.2", 1L), slices(requestProfile));
        assertEquals(Map.of("slice.1", 1L, "slice.2", 1L, "slice.3", 1L), slices(firstPush));
        assertEquals(Map.of("slice.4", 1L), slices(secondPush));
        assertEquals(Map.of("slice.5", 1L), slices(thirdPush));
        assertEquals(2, engine.started, "a declined split falls back to a stop and start");
        assertEquals(0, engine.running, "the engine is idle when no window is open");
        assertEquals(5, engine.slicesRead, "each slice read once, however many windows share it");
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
