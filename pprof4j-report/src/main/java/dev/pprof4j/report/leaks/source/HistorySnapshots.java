package dev.pprof4j.report.leaks.source;

import dev.pprof4j.protocol.ClassNames;
import dev.pprof4j.protocol.HistoryFormat;
import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.AgentFetch;
import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.detect.LeakCriteria;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots from an agent's own history ({@code /debug/pprof/history?since=D}), for
 * {@code pprof4j leaks --since}: the hunt over what the agent recorded, with no rounds to wait
 * for. The text format is the agent's {@code HistoryText}: frames and stacks once, then per
 * snapshot its threads by (stack, creating stack), its live heap by site and, when that tick
 * took one, its class histogram.
 *
 * <p>The history cannot run a GC before each snapshot as the live hunt does, so a site's
 * in-use bytes include garbage not yet collected, and garbage in the old generation waits for
 * a collection that marks it (a G1 concurrent cycle, a full GC). So live heap by site is
 * judged only when the window holds such a collection, seen directly in the collectors' own
 * counts (a full GC, a concurrent cycle where the JVM counts one) or by the agent's canaries;
 * otherwise the measure is left out with a note, and threads are judged alone. Each site's
 * allocated bytes come with its in-use bytes, so a cache at its bound is told from a leak by
 * the same rule as in a live hunt ({@link LeakCriteria}); and each snapshot says whether an
 * old collection ran since the previous one ({@link Snapshot.OldGarbage}), because between
 * two of them a cache's estimate climbs by what it allocates, as a leak's does: growth is a
 * leak only when a reading right after an old collection confirms it. Heap by class is
 * judged on the snapshots that took a histogram.
 */
public final class HistorySnapshots {
    private static final long MAX_BODY = 256L << 20;

    private HistorySnapshots() {
    }

    /**
     * Fetches the last {@code since} of the agent's history.
     *
     * @param base the agent's address, e.g. {@code http://127.0.0.1:6060}
     * @throws IOException with the agent's one-line reason (e.g. how much history it holds)
     */
    public static List<Snapshot> fetch(URI base, Duration since, Duration timeout) throws IOException {
        return fetch(base, since, timeout, AgentAuth.NONE);
    }

    /** {@link #fetch(URI, Duration, Duration)} from an agent that wants a token. */
    public static List<Snapshot> fetch(URI base, Duration since, Duration timeout, AgentAuth auth) throws IOException {
        String s = base.toString();
        URI uri = URI.create((s.endsWith("/") ? s : s + "/") + "debug/pprof/history?since="
                + URLEncoder.encode(goDuration(since), StandardCharsets.UTF_8));
        AgentFetch.Answer response = AgentFetch.get(uri, auth, timeout, MAX_BODY);
        String body = response.text();
        if (response.status() == 404) {
            throw new IOException("the agent at " + base + " keeps no history (it answered 404 for /debug/pprof/history);"
                    + " is it an older pprof4j? Run the live hunt with --rounds instead");
        }
        if (response.status() != 200) {
            throw new IOException("the agent at " + base + ": " + body.lines().findFirst().orElse("").strip()
                    + " (status " + response.status() + ")");
        }
        return parse(body, LeakCriteria.DEFAULT);
    }

    /** Go's syntax for whole seconds or milliseconds: {@code 8s}, {@code 600s}, {@code 1500ms}. */
    public static String goDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * Reads the agent's history text.
     *
     * @throws IOException naming the line when the text is not the history format
     */
    public static List<Snapshot> parse(String text, LeakCriteria criteria) throws IOException {
        List<Raw> raws = new ArrayList<>();
        Map<Integer, Frame> frames = new HashMap<>();
        Map<Integer, Stack> stacks = new HashMap<>();
        String[] lines = text.split("\n");
        if (lines.length == 0 || !HistoryFormat.isHeader(lines[0])) {
            throw new IOException(HistoryFormat.notAHistory());
        }
        Raw current = null;
        for (int n = 1; n < lines.length; n++) {
            String[] f = lines[n].split("\t", -1);
            try {
                switch (f[0]) {
                    case "interval", "" -> { }
                    case "frame" -> frames.put(Integer.parseInt(f[1]), new Frame(f[2], f[3], Long.parseLong(f[4])));
                    case "stack" -> {
                        List<Frame> list = new ArrayList<>();
                        if (f.length > 2 && !f[2].isEmpty()) {
                            for (String id : f[2].split(" ")) {
                                list.add(known(frames, Integer.parseInt(id), "frame"));
                            }
                        }
                        stacks.put(Integer.parseInt(f[1]), new Stack(list));
                    }
                    case "snapshot" -> {
                        // An agent that counts its old-generation GCs by collector writes them after
                        // the canaries' count; an older one does not.
                        current = new Raw(Instant.ofEpochMilli(Long.parseLong(f[1])), Long.parseLong(f[6]),
                                f.length > 7 ? Long.parseLong(f[7]) : -1);
                        raws.add(current);
                    }
                    case "thread" -> snapshot(current).threads.add(new ThreadRow(known(stacks, Integer.parseInt(f[1]), "stack"),
                            f[2].equals("-") ? Stack.UNKNOWN : known(stacks, Integer.parseInt(f[2]), "stack"),
                            Long.parseLong(f[3])));
                    case "heap-sites" -> {
                        Raw r = snapshot(current);
                        r.heapMeasured = true;
                        r.samplingPeriod = f.length > 1 ? Long.parseLong(f[1]) : 0;
                    }
                    // An agent that records each site's allocated bytes writes them last; an older one does not.
                    case "heap" -> snapshot(current).heap.add(new HeapRow(known(stacks, Integer.parseInt(f[1]), "stack"), f[2],
                            new Usage(Long.parseLong(f[3]), Long.parseLong(f[4])), f.length > 5 ? Long.parseLong(f[5]) : -1));
                    case "histogram" -> snapshot(current).histogram = new ArrayList<>();
                    case "class" -> {
                        Raw r = snapshot(current);
                        if (r.histogram == null) {
                            throw new IOException("a class row before \"histogram\"");
                        }
                        r.histogram.add(new ClassRow(ClassNames.javaName(f[1]),
                                new Usage(Long.parseLong(f[2]), Long.parseLong(f[3]))));
                    }
                    default -> throw new IOException("unknown record \"" + f[0] + "\"");
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("malformed pprof4j history at line " + (n + 1) + ": " + lines[n], e);
            } catch (IOException e) {
                throw new IOException("malformed pprof4j history at line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return build(raws, criteria);
    }

    private static List<Snapshot> build(List<Raw> raws, LeakCriteria criteria) {
        int n = raws.size();
        boolean gcInWindow = n >= 2 && oldCollectionBetween(raws.get(0), raws.get(n - 1));
        Map<Stack, Stack> soleCreator = soleCreators(raws);
        List<Snapshot> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Raw r = raws.get(i);
            Snapshot.Builder b = Snapshot.at(r.time).measured(Measure.THREADS);
            for (ThreadRow t : r.threads) {
                Stack createdBy = t.createdBy().isUnknown() ? soleCreator.getOrDefault(t.stack(), Stack.UNKNOWN)
                        : t.createdBy();
                b.thread(t.stack(), createdBy, t.count());
            }
            if (r.heapMeasured && gcInWindow) {
                b.measured(Measure.LIVE_HEAP_BY_SITE).heapSamplingPeriod(r.samplingPeriod)
                        .oldGarbage(i > 0 && oldCollectionBetween(raws.get(i - 1), r)
                                ? Snapshot.OldGarbage.COLLECTED_SINCE_PREVIOUS : Snapshot.OldGarbage.WAITING);
                for (HeapRow h : r.heap) {
                    b.liveHeap(h.site(), h.className(), h.usage());
                    if (h.allocated() >= 0) {
                        b.allocated(h.site(), h.allocated());
                    }
                }
            } else if (r.heapMeasured) {
                b.note("live heap by site: no collection of the old generation ran in the judged window, so the"
                        + " agent's history cannot tell old garbage from a leak; ask for a longer --since");
            } else {
                b.note("live heap by site: the agent's history has no heap samples (no heap sampler runs there)");
            }
            // The snapshots with a histogram are judged as a series of their own (LeakDetector).
            if (r.histogram != null) {
                for (ClassRow c : r.histogram) {
                    b.heapClass(c.className(), c.usage());
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * Whether a collection of the old generation ran between two ticks. The agent reads its
     * counts before the tick's heap reading, so the later reading is taken after it.
     */
    private static boolean oldCollectionBetween(Raw before, Raw after) {
        return after.oldCollections != before.oldCollections || after.oldGcs != before.oldGcs;
    }

    /**
     * The agent learns who started a thread from JFR's {@code jdk.ThreadStart} event, which
     * reaches it a second or so late; at one snapshot a second, the youngest leaked threads
     * show no creator yet, and the creator's count would stall for a round. A thread without
     * a known creator is counted with its siblings when every thread of the window that
     * waits in the same stack and has a known creator has this one.
     */
    private static Map<Stack, Stack> soleCreators(List<Raw> raws) {
        Map<Stack, Stack> sole = new HashMap<>();
        java.util.Set<Stack> ambiguous = new java.util.HashSet<>();
        for (Raw r : raws) {
            for (ThreadRow t : r.threads) {
                if (t.stack().isUnknown() || t.createdBy().isUnknown() || ambiguous.contains(t.stack())) {
                    continue;
                }
                Stack before = sole.putIfAbsent(t.stack(), t.createdBy());
                if (before != null && !before.equals(t.createdBy())) {
                    sole.remove(t.stack());
                    ambiguous.add(t.stack());
                }
            }
        }
        return sole;
    }

    private static Raw snapshot(Raw current) throws IOException {
        if (current == null) {
            throw new IOException("a record before the first \"snapshot\"");
        }
        return current;
    }

    private static <T> T known(Map<Integer, T> table, int id, String what) throws IOException {
        T value = table.get(id);
        if (value == null) {
            throw new IOException("unknown " + what + " id " + id);
        }
        return value;
    }

    private record ThreadRow(Stack stack, Stack createdBy, long count) {
    }

    /**
     * @param className the allocated class: what the hunt asks "who holds it" about
     * @param allocated bytes the site allocated since the sampler started, -1 from an agent that does not say
     */
    private record HeapRow(Stack site, String className, Usage usage, long allocated) {
    }

    private record ClassRow(String className, Usage usage) {
    }

    /** One snapshot as read, before deciding which measures the window supports. */
    private static final class Raw {
        final Instant time;
        final long oldCollections;
        /** Old-generation GCs by the collectors' own counts; -1 from an agent that does not write them. */
        final long oldGcs;
        final List<ThreadRow> threads = new ArrayList<>();
        final List<HeapRow> heap = new ArrayList<>();
        boolean heapMeasured;
        long samplingPeriod;
        List<ClassRow> histogram;

        Raw(Instant time, long oldCollections, long oldGcs) {
            this.time = time;
            this.oldCollections = oldCollections;
            this.oldGcs = oldGcs;
        }
    }
}
