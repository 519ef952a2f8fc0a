package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Profiles built in code for tests: small ones that use every field, large seeded ones. */
final class TestProfiles {
    private TestProfiles() {
    }

    /** A small profile that sets every field of profile.proto at least once. */
    static Profile everyField() {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("alloc_objects", "count"));
        p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
        p.sampleTypes.add(new ValueType("inuse_objects", "count"));
        p.sampleTypes.add(new ValueType("inuse_space", "bytes"));
        p.defaultSampleType = "inuse_space";
        p.periodType = new ValueType("space", "bytes");
        p.period = 524288;
        p.timeNanos = 1_700_000_000_123_456_789L;
        p.durationNanos = 30_000_000_000L;
        p.dropFrames = "java\\.lang\\.Thread\\.run";
        p.keepFrames = "keepme";
        p.comments.add("engine: pprof4j test");
        p.comments.add("sampling every 512 KiB");
        p.docUrl = "https://example.com/heap";

        Mapping jvm = new Mapping();
        jvm.memoryStart = 0x1000;
        jvm.memoryLimit = 0x9000;
        jvm.fileOffset = 0x200;
        jvm.file = "[jvm]";
        jvm.buildId = "abc123";
        jvm.hasFunctions = true;
        jvm.hasFilenames = true;
        jvm.hasLineNumbers = true;
        jvm.hasInlineFrames = true;
        Mapping other = new Mapping();
        other.file = "libother.so";
        p.mappings.add(jvm);
        p.mappings.add(other);

        Function main = new Function("com.example.App.main", "App.java");
        main.startLine = 10;
        Function work = new Function("com.example.App.work", "App.java");
        work.systemName = "com.example.App.work(I)V";
        work.startLine = 20;
        Function alloc = new Function("java.util.ArrayList.grow", "ArrayList.java");
        Function unicode = new Function("com.example.Ünïcode.λ", "Ü.java");
        p.functions.add(main);
        p.functions.add(work);
        p.functions.add(alloc);
        p.functions.add(unicode);

        Location lMain = loc(p, jvm, 0x1010, new Line(main, 12, 5));
        Location lWork = loc(p, jvm, 0x1020, new Line(work, 25));
        // An inlined frame: grow inlined into work.
        Location lInlined = loc(p, jvm, 0x1030, new Line(alloc, 240, 9), new Line(work, 27));
        Location lFolded = loc(p, other, 0x2000, new Line(unicode, 3));
        lFolded.isFolded = true;
        Location lUnknown = loc(p, other, 0x2abc);

        Sample s1 = new Sample(new ArrayList<>(List.of(lInlined, lWork, lMain)), 1, 4096, 1, 4096);
        s1.addLabel("thread", "main");
        s1.addLabel("thread", "worker-1");
        s1.addNumLabel("bytes", 4096, "bytes");
        Sample s2 = new Sample(new ArrayList<>(List.of(lWork, lMain)), 3, 300, 0, 0);
        s2.addNumLabel("object count", 3, null);
        Sample s3 = new Sample(new ArrayList<>(List.of(lFolded, lUnknown, lMain)), -2, -200, 5, 1L << 40);
        Sample s4 = new Sample(new ArrayList<>(List.of(lMain)), 7, 7, 7, 7);
        s4.addLabel("pprof::base", "true");
        p.samples.add(s1);
        p.samples.add(s2);
        p.samples.add(s3);
        p.samples.add(s4);
        return p;
    }

    private static Location loc(Profile p, Mapping m, long address, Line... lines) {
        Location l = new Location();
        l.mapping = m;
        l.address = address;
        l.lines.addAll(List.of(lines));
        p.locations.add(l);
        return l;
    }

    /**
     * A large CPU-like profile, the same for the same seed: {@code functions} functions,
     * stacks 5–40 deep drawn with a skew so some stacks repeat, two values per sample.
     */
    static Profile large(long seed, int sampleCount, int functionCount) {
        Random r = new Random(seed);
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.sampleTypes.add(new ValueType("cpu", "nanoseconds"));
        p.periodType = new ValueType("cpu", "nanoseconds");
        p.period = 10_000_000;
        p.durationNanos = 60_000_000_000L;
        p.timeNanos = 1_700_000_000_000_000_000L;
        p.comments.add("engine: synthetic, seed " + seed);
        Mapping m = new Mapping();
        m.file = "[jvm]";
        m.hasFunctions = true;
        m.hasFilenames = true;
        m.hasLineNumbers = true;
        p.mappings.add(m);
        for (int i = 0; i < functionCount; i++) {
            String pkg = "com.example.pkg" + (i % 97);
            Function f = new Function(pkg + ".Class" + (i % 1013) + ".method" + i,
                    pkg.replace('.', '/') + "/Class" + (i % 1013) + ".java");
            f.startLine = 1 + r.nextInt(500);
            p.functions.add(f);
        }
        // Several lines per function, each its own location.
        int locationCount = functionCount * 4;
        for (int i = 0; i < locationCount; i++) {
            Function f = p.functions.get(i / 4);
            Location l = new Location(new Line(f, f.startLine + (i % 4) * 3 + r.nextInt(3)));
            l.mapping = m;
            l.address = 0x10000L + i * 16L;
            p.locations.add(l);
        }
        for (int i = 0; i < sampleCount; i++) {
            int depth = 5 + r.nextInt(36);
            List<Location> stack = new ArrayList<>(depth);
            for (int d = 0; d < depth; d++) {
                // Skewed so that callers near the root are shared, as in real programs.
                int bound = Math.max(8, locationCount * (d + 1) / 40);
                int pick = (int) (Math.abs(r.nextGaussian()) * bound / 3) % locationCount;
                stack.add(p.locations.get(pick));
            }
            long count = 1 + r.nextInt(3);
            Sample s = new Sample(stack, count, count * 10_000_000L + r.nextInt(1000));
            if (r.nextInt(10) == 0) {
                s.addLabel("thread", "worker-" + r.nextInt(16));
            }
            p.samples.add(s);
        }
        return p;
    }
}
