package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.protocol.JavaFrames;
import dev.pprof4j.protocol.StableNames;
import java.io.IOException;
import java.io.Writer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /debug/pprof/history?since=D}: the snapshots of a window as text the leak hunt
 * reads ({@code pprof4j leaks --since}). Tab-separated lines; a frame and a stack are
 * written once, before the first line that uses them:
 * <pre>
 * pprof4j-history 1
 * interval  &lt;millis&gt;
 * frame     &lt;id&gt; &lt;function&gt; &lt;file&gt; &lt;line&gt;
 * stack     &lt;id&gt; &lt;frame id&gt; ...        (leaf first; no frame ids: no Java frames)
 * snapshot  &lt;epoch millis&gt; &lt;gc count&gt; &lt;heap in use&gt; &lt;platform threads&gt; &lt;virtual threads or -1&gt;
 *           &lt;old-generation collections (canaries)&gt; &lt;old-generation GCs (the collectors' counts)&gt;
 * thread    &lt;stack id&gt; &lt;creating stack id or -&gt; &lt;count&gt;
 * heap-sites &lt;sampling period&gt;                (the sampler's sites follow: live heap by site was measured)
 * heap      &lt;stack id&gt; &lt;class&gt; &lt;in-use objects&gt; &lt;in-use bytes&gt; &lt;allocated bytes&gt;
 * histogram                                    (class histogram rows follow)
 * class     &lt;class&gt; &lt;instances&gt; &lt;bytes&gt;
 * </pre>
 * The snapshot's old-generation counts are read before its heap reading: a snapshot whose count
 * rose holds a reading taken after that collection, the only moments a site's in-use bytes hold
 * no old garbage. pprof4j's own threads and its own allocations are left out: they are not the application's.
 * A reader skips fields it does not know at the end of a line: the GC beans' count of old
 * collections came after the first readers, which stop at the canaries' count, and so did a
 * site's allocated bytes (Go's {@code alloc_space}, cumulative since the sampler started).
 * The hunt needs those to tell a cache at its bound, which keeps allocating while it holds
 * the same bytes, from a leak, which keeps what it allocates; so a site that allocated but
 * holds nothing now is written too, as the heap profile carries it.
 */
public final class HistoryText {
    public static final String HEADER = dev.pprof4j.protocol.HistoryFormat.HEADER;

    private final Writer out;
    private final Map<HistoryFrame, Integer> frames = new IdentityHashMap<>();
    private final Map<HistoryStack, Integer> stacks = new IdentityHashMap<>();

    private HistoryText(Writer out) {
        this.out = out;
    }

    public static void write(List<HistorySnapshot> snapshots, HistorySettings settings, Writer out) throws IOException {
        HistoryText text = new HistoryText(out);
        out.write(HEADER + "\n");
        out.write("interval\t" + settings.interval().toMillis() + "\n");
        for (HistorySnapshot s : snapshots) {
            text.snapshot(s);
        }
        out.flush();
    }

    private void snapshot(HistorySnapshot s) throws IOException {
        ThreadGroups threads = s.threads;
        for (int i = 0; i < threads.size(); i++) {
            if (!threads.agentOwn(i)) {
                stackId(threads.stacks[i]);
                if (!threads.createdBy[i].isEmpty()) {
                    stackId(threads.createdBy[i]);
                }
            }
        }
        HeapReading heap = s.heap;
        if (heap != null) {
            for (int i = 0; i < heap.sites(); i++) {
                if (written(heap, i)) {
                    stackId(heap.stacks[i]);
                }
            }
        }
        out.write("snapshot\t" + s.timeMillis + "\t" + s.gcCount + "\t" + s.heapInUse + "\t" + s.platformThreads
                + "\t" + s.virtualThreads + "\t" + s.oldCollections + "\t" + s.oldGcs + "\n");
        for (int i = 0; i < threads.size(); i++) {
            if (threads.agentOwn(i)) {
                continue;
            }
            HistoryStack creator = threads.createdBy[i];
            out.write("thread\t" + stacks.get(threads.stacks[i]) + "\t"
                    + (creator.isEmpty() ? "-" : stacks.get(creator)) + "\t" + threads.counts[i] + "\n");
        }
        if (heap != null) {
            out.write("heap-sites\t" + heap.rate + "\n");
            for (int i = 0; i < heap.sites(); i++) {
                if (written(heap, i)) {
                    out.write("heap\t" + stacks.get(heap.stacks[i]) + "\t" + clean(heap.classes[i]) + "\t"
                            + heap.value(i, HeapReading.INUSE_OBJECTS) + "\t" + heap.value(i, HeapReading.INUSE_SPACE)
                            + "\t" + heap.value(i, HeapReading.ALLOC_SPACE) + "\n");
                }
            }
        }
        if (s.histogram != null) {
            out.write("histogram\n");
            for (int i = 0; i < s.histogram.classes.length; i++) {
                out.write("class\t" + clean(s.histogram.classes[i]) + "\t" + s.histogram.instances[i] + "\t"
                        + s.histogram.bytes[i] + "\n");
            }
        }
    }

    private static boolean written(HeapReading heap, int site) {
        return (heap.value(site, HeapReading.INUSE_SPACE) > 0 || heap.value(site, HeapReading.ALLOC_SPACE) > 0)
                && !heap.stacks[site].isAgentOwn();
    }

    private int stackId(HistoryStack stack) throws IOException {
        Integer id = stacks.get(stack);
        if (id != null) {
            return id;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < stack.depth(); i++) {
            line.append(i == 0 ? "" : " ").append(frameId(stack.frame(i)));
        }
        id = stacks.size() + 1;
        stacks.put(stack, id);
        out.write("stack\t" + id + "\t" + line + "\n");
        return id;
    }

    private int frameId(HistoryFrame frame) throws IOException {
        Integer id = frames.get(frame);
        if (id != null) {
            return id;
        }
        id = frames.size() + 1;
        frames.put(frame, id);
        String className = StableNames.className(frame.className());
        String function = JavaFrames.functionName(className, frame.methodName());
        String file = JavaFrames.fileName(className, frame.fileName());
        out.write("frame\t" + id + "\t" + clean(function) + "\t" + clean(file.substring(file.lastIndexOf('/') + 1))
                + "\t" + Math.max(0, frame.line()) + "\n");
        return id;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
