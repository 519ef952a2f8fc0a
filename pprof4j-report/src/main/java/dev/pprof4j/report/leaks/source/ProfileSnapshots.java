package dev.pprof4j.report.leaks.source;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots made of saved profiles, for a leak hunt over files ({@code pprof4j leaks h1 h2
 * h3}): a goroutine profile gives the threads by stack, a heap profile the live heap by site.
 * Any format the command line reads will do, mixed: the agent's protobuf, Go's, Go's text
 * dumps, Java thread dumps. So that the same goroutines compare equal whatever file they
 * came from, threads are keyed by their stack alone (only Go's debug=2 dump names the
 * creator), and a Go stack is taken as Go's text dumps print it: without the runtime's own
 * frames at the leaf ({@code runtime.gopark}…) and {@code runtime.goexit} at the root.
 */
public final class ProfileSnapshots {
    private ProfileSnapshots() {
    }

    /**
     * The snapshot of one moment, from one or more profiles taken then.
     *
     * @throws IllegalArgumentException when none of them is a goroutine or heap profile
     */
    public static Snapshot of(Instant time, List<Profile> profiles) {
        Snapshot.Builder b = Snapshot.at(time);
        for (Profile p : profiles) {
            int goroutines = p.sampleIndexOf("goroutine");
            if (goroutines >= 0) {
                b.measured(Measure.THREADS);
                for (Sample s : p.samples) {
                    b.thread(stack(s), Stack.UNKNOWN, s.values[goroutines]);
                }
            } else if (p.sampleIndexOf("inuse_space") >= 0 || p.sampleIndexOf("space") >= 0) {
                AgentSnapshots.liveHeap(p, b);
            } else {
                throw new IllegalArgumentException("a " + p.sampleTypes + " profile is neither a goroutine nor a heap"
                        + " profile; a leak hunt over files compares those");
            }
        }
        return b.build();
    }

    private static Stack stack(Sample s) {
        List<Frame> frames = new ArrayList<>();
        for (Location location : s.locations) {
            for (Line line : location.lines) {
                String file = line.function().filename;
                frames.add(new Frame(line.function().name, file.substring(file.lastIndexOf('/') + 1), line.line()));
            }
        }
        int leaf = 0;
        while (leaf < frames.size() - 1 && frames.get(leaf).function().startsWith("runtime.")) {
            leaf++;
        }
        int root = frames.size();
        if (root > leaf + 1 && frames.get(root - 1).function().equals("runtime.goexit")) {
            root--;
        }
        return new Stack(frames.subList(leaf, root));
    }
}
