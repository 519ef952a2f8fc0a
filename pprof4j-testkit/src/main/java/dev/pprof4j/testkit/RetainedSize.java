package dev.pprof4j.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * What the instances of one class keep alive: the objects that would become garbage if
 * those instances did, measured exactly from a heap dump (MAT's "retained size"). Two walks
 * of the dump's graph: from the GC roots without entering the instances (what lives
 * anyway), then from the instances through everything the first walk did not reach. A
 * weak reference's referent is not followed, as the GC would not. Shallow sizes as
 * {@link HeapDump} computes them.
 *
 * <p>{@code java dev.pprof4j.testkit.RetainedSize <dump.hprof> <class> [rows] [referenceSize]}
 * prints the total and the classes that make it up.
 */
public final class RetainedSize {
    private RetainedSize() {
    }

    /** Objects of one class among those retained. */
    public record ClassBytes(String className, long objects, long bytes) {
    }

    /**
     * @param instances how many instances of the class the dump held
     * @param byClass   largest first
     */
    public record Result(String className, int instances, long objects, long bytes, List<ClassBytes> byClass) {
        /** The total, then the {@code rows} largest classes, one a line. */
        public String text(int rows) {
            StringBuilder out = new StringBuilder(String.format("retained_by %s instances %d objects %d bytes %d%n",
                    className, instances, objects, bytes));
            for (ClassBytes c : byClass.subList(0, Math.min(rows, byClass.size()))) {
                out.append(String.format("%12d %9d  %s%n", c.bytes(), c.objects(), c.className()));
            }
            return out.toString();
        }
    }

    /**
     * Measures what the live instances of {@code className} in this JVM retain: dumps the
     * live heap (a full GC) into a temporary file, reads it, deletes it.
     */
    public static Result ofLiveInstances(String className) throws IOException {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Path dir = Files.createTempDirectory("pprof4j-retained");
        Path dump = dir.resolve("heap.hprof");
        try {
            hotspot.dumpHeap(dump.toString(), true);
            int referenceSize = Boolean.parseBoolean(hotspot.getVMOption("UseCompressedOops").getValue()) ? 4 : 8;
            return of(dump, className, referenceSize);
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dir);
        }
    }

    /** @param referenceSize 4 when the dumped JVM used compressed oops, else 8 */
    public static Result of(Path hprof, String className, int referenceSize) throws IOException {
        HeapDump dump = HeapDump.read(hprof, referenceSize);
        LongLongTable objects = dump.objects;
        Set<Long> classIds = dump.classIds(className);
        List<Integer> targets = new ArrayList<>();
        for (int slot = 0; slot < objects.capacity(); slot++) {
            if (objects.keyAt(slot) != 0 && classIds.contains(dump.instanceClass(slot))) {
                targets.add(slot);
            }
        }
        boolean[] live = new boolean[objects.capacity()];
        for (int t : targets) {
            live[t] = true; // the first walk must not enter them
        }
        IntStack stack = new IntStack();
        for (long root : dump.roots) {
            stack.push(objects.slot(root));
        }
        walk(dump, stack, live, null, null);
        boolean[] retained = new boolean[objects.capacity()];
        for (int t : targets) {
            stack.push(t);
        }
        Map<String, long[]> byClass = new HashMap<>();
        long[] total = new long[2];
        walk(dump, stack, retained, slot -> {
            long size = dump.shallowSize(slot);
            long[] c = byClass.computeIfAbsent(dump.className(slot), k -> new long[2]);
            c[0]++;
            c[1] += size;
            total[0]++;
            total[1] += size;
        }, live);
        List<ClassBytes> rows = new ArrayList<>();
        byClass.forEach((name, c) -> rows.add(new ClassBytes(name, c[0], c[1])));
        rows.sort(Comparator.comparingLong(ClassBytes::bytes).reversed().thenComparing(ClassBytes::className));
        return new Result(className, targets.size(), total[0], total[1], rows);
    }

    /** Depth-first from what is on {@code stack}, marking {@code seen}, never entering {@code excluded}. */
    private static void walk(HeapDump dump, IntStack stack, boolean[] seen, IntConsumer visit,
            boolean[] excluded) {
        while (!stack.isEmpty()) {
            int slot = stack.pop();
            if (slot < 0 || seen[slot]) {
                continue;
            }
            seen[slot] = true;
            if (visit != null) {
                visit.accept(slot);
            }
            dump.forEachReference(slot, id -> {
                int next = dump.objects.slot(id);
                if (next >= 0 && !seen[next] && (excluded == null || !excluded[next])) {
                    stack.push(next);
                }
            });
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RetainedSize <dump.hprof> <class name> [rows] [reference size: 4 or 8]");
            System.exit(2);
        }
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int referenceSize = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        System.out.print(of(Path.of(args[0]), args[1], referenceSize).text(rows));
    }

    /** A growable stack of ints: the walk's to-do list, millions deep on a big heap. */
    private static final class IntStack {
        private int[] items = new int[1024];
        private int size;

        void push(int item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        int pop() {
            return items[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
