package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.protocol.JavaFrames;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.jfr.JfrStacks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One JFR file, converted twice: by the CLI ({@link JfrProfileReader}, its own JFR parser) and
 * the way the agent turns JFR events into profiles ({@link JfrStacks} then
 * {@link ProfileBuilder}). Every stack must come out frame for frame the same, names, files
 * and lines, with the same counts: a lambda is spelled once, and a stack JFR cut short ends
 * in the same marker frame in both.
 */
class JfrFramesAgreeTest {
    private static final int DEEPER_THAN_JFR_KEEPS = 100; // JFR's default stackdepth is 64

    @TempDir
    Path dir;

    @Test
    void theCliAndTheAgentNameEveryFrameAlike() throws Exception {
        Path file = dir.resolve("parks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadPark").withStackTrace().withThreshold(Duration.ZERO);
            recording.start();
            Runnable shallow = () -> LockSupport.parkNanos(1_000_000);
            Runnable deep = () -> recurse(DEEPER_THAN_JFR_KEEPS);
            for (int i = 0; i < 5; i++) {
                Thread a = new Thread(shallow, "shallow-parker");
                Thread b = new Thread(deep, "deep-parker");
                a.start();
                b.start();
                a.join();
                b.join();
            }
            recording.stop();
            recording.dump(file);
        }

        Map<String, Long> cli = stacks(JfrProfileReader.read(file, Set.of(JfrEventKind.PARK)));
        Map<String, Long> agent = stacks(agentPath(file));
        assertEquals(agent, cli);

        String all = String.join("\n", cli.keySet());
        assertTrue(all.contains(JfrFramesAgreeTest.class.getName() + ".lambda$"), all);
        assertTrue(cli.keySet().stream().anyMatch(s -> s.contains(".recurse ")
                && s.endsWith(JavaFrames.TRUNCATED_BY_JFR + " :0")), "a cut stack ends in the marker:\n" + all);
        assertFalse(all.contains("/0x") || all.matches("(?s).*\\$\\$Lambda[$/.]?\\d.*"), "run-to-run suffixes:\n" + all);
    }

    private static void recurse(int depth) {
        if (depth == 0) {
            LockSupport.parkNanos(1_000_000);
        } else {
            recurse(depth - 1);
        }
    }

    /** What the agent's JFR engines do with each event: {@link JfrStacks#of}, then the builder. */
    private static Profile agentPath(Path file) throws IOException {
        ValueType parks = new ValueType("parks", "count");
        ProfileBuilder builder = new ProfileBuilder(parks, 1, parks);
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.ThreadPark") && event.getStackTrace() != null) {
                builder.merge(builder.stack(JfrStacks.of(event.getStackTrace()).toArray(StackTraceElement[]::new)), 1);
            }
        }
        return builder.build();
    }

    /** Each sample's stack as "function file:line" lines, root last, to its count (the first value). */
    private static Map<String, Long> stacks(Profile profile) {
        Map<String, Long> out = new TreeMap<>();
        for (Sample sample : profile.samples) {
            List<String> frames = new ArrayList<>();
            for (Location location : sample.locations) {
                for (Line line : location.lines) {
                    frames.add(line.function().name + " " + line.function().filename + ":" + line.line());
                }
            }
            out.merge(String.join("\n", frames), sample.values[0], Long::sum);
        }
        return out;
    }
}
