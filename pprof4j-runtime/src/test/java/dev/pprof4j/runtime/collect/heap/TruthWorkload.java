package dev.pprof4j.runtime.collect.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A child-JVM workload that knows its own truth: each site counts the objects and bytes it
 * allocates and keeps, in random order and random sizes, then prints, per site, the truth and
 * what the heap sampler measured ({@code site NAME allocObjects allocSpace inuseObjects
 * inuseSpace | truth allocObjects allocSpace inuseObjects inuseSpace}).
 *
 * <p>Object sizes are HotSpot's with compressed class pointers (the default below 32 GiB):
 * a 16-byte array header, 8-byte alignment; an {@code Integer} is 16 bytes.
 *
 * <p>Modes: {@code sites} (200 MB kept at one site, 20 MB at another (-Dtruth.smallMB=N: N MB), 2 GB of garbage at a
 * third), {@code live2g} (2 GB kept), {@code alloc3} (4 KiB arrays, 1 KiB arrays and 16 B Integers as garbage).
 */
public final class TruthWorkload {
    static final long MB = 1_000_000L;

    /** A site's truth: what it allocated and what it still holds. */
    static final class Truth {
        final String name;
        final String className;
        long allocObjects, allocBytes, keptObjects, keptBytes;

        Truth(String name, String className) {
            this.name = name;
            this.className = className;
        }

        void alloc(long size, boolean kept) {
            allocObjects++;
            allocBytes += size;
            if (kept) {
                keptObjects++;
                keptBytes += size;
            }
        }
    }

    // Held on purpose: the retained sites' objects live here until the snapshot.
    static final List<Object> KEPT = java.util.Collections.synchronizedList(new ArrayList<>());
    static final Object[] SINK = new Object[4096];

    static long arrayBytes(long payload) {
        return (16 + payload + 7) & ~7L;
    }

    static void retainBig(SplittableRandom r, Truth t) {
        int n = 1024 * (1 + r.nextInt(64)); // 1..64 KiB
        KEPT.add(new byte[n]);
        t.alloc(arrayBytes(n), true);
    }

    static void retainSmall(SplittableRandom r, Truth t) {
        int n = 8 + r.nextInt(248); // 8..255 ints
        KEPT.add(new int[n]);
        t.alloc(arrayBytes(4L * n), true);
    }

    static void churn(SplittableRandom r, Truth t) {
        int n = 1024 * (1 + r.nextInt(32));
        SINK[r.nextInt(SINK.length)] = new byte[n];
        t.alloc(arrayBytes(n), false);
    }

    static void alloc4k(SplittableRandom r, Truth t) {
        SINK[r.nextInt(SINK.length)] = new byte[4096 - 16];
        t.alloc(4096, false);
    }

    static void alloc1k(SplittableRandom r, Truth t) {
        SINK[r.nextInt(SINK.length)] = new byte[1024 - 16];
        t.alloc(1024, false);
    }

    static void allocInteger(SplittableRandom r, Truth t) {
        SINK[r.nextInt(SINK.length)] = Integer.valueOf(r.nextInt() | (1 << 20)); // never the cache
        t.alloc(16, false);
    }

    /**
     * CPU work for {@code nanos} with one 1 KiB array per 50 µs of it: 20 MB per CPU second. Paced
     * by the clock, not by a count of arithmetic steps: JDK 25's C2 folds an unrolled LCG loop and
     * ran one sized for 20 MB/s at 670 MB/s, which is heavy allocation for the budget.
     */
    static void quietSpell(SplittableRandom r, long nanos) {
        long now = System.nanoTime(), end = now + nanos;
        while (now < end) {
            long next = now + 50_000;
            while ((now = System.nanoTime()) < next) {
                Thread.onSpinWait();
            }
            SINK[r.nextInt(SINK.length)] = new byte[1008];
        }
    }

    /** A garbage or kept array of {@code bytes} (a multiple of 8, at least 16) at its caller's site. */
    static void array(SplittableRandom r, Truth t, int bytes, double keep) {
        byte[] a = new byte[bytes - 16];
        boolean kept = r.nextDouble() < keep;
        if (kept) {
            KEPT.add(a);
        } else {
            SINK[r.nextInt(SINK.length)] = a;
        }
        t.alloc(bytes, kept);
    }

    static void size16(SplittableRandom r, Truth t, double keep) {
        array(r, t, 16, keep);
    }

    static void size1k(SplittableRandom r, Truth t, double keep) {
        array(r, t, 1024, keep);
    }

    static void size16k(SplittableRandom r, Truth t, double keep) {
        array(r, t, 16 * 1024, keep);
    }

    static void size48k(SplittableRandom r, Truth t, double keep) {
        array(r, t, 48 * 1024, keep);
    }

    static void size64k(SplittableRandom r, Truth t, double keep) {
        array(r, t, 64 * 1024, keep);
    }

    static void size1m(SplittableRandom r, Truth t, double keep) {
        array(r, t, 1024 * 1024, keep);
    }

    /**
     * Six sites of one object size each, 16 B to 1 MiB, in random order, each allocating about
     * a sixth of {@code total} bytes and keeping a {@code keep} fraction of its objects: a 16 B
     * array is picked 65 536 times as often as a 1 MiB one.
     */
    static void sizes(SplittableRandom r, List<Truth> truths, long total, double keep) {
        Truth t16 = new Truth("size16", "byte[]"), t1k = new Truth("size1k", "byte[]"), t16k = new Truth("size16k", "byte[]"),
                t48k = new Truth("size48k", "byte[]"), t64k = new Truth("size64k", "byte[]"), t1m = new Truth("size1m", "byte[]");
        truths.addAll(List.of(t16, t1k, t16k, t48k, t64k, t1m));
        // weights 1/size: 65536 : 1024 : 64 : 21.33 : 16 : 1, scaled by 3 to stay integers
        long[] cut = {196608, 196608 + 3072, 196608 + 3072 + 192, 196608 + 3072 + 192 + 64, 196608 + 3072 + 192 + 64 + 48,
                196608 + 3072 + 192 + 64 + 48 + 3};
        long done = 0;
        while (done < total) {
            long pick = r.nextLong(cut[5]);
            if (pick < cut[0]) {
                size16(r, t16, keep);
                done += 16;
            } else if (pick < cut[1]) {
                size1k(r, t1k, keep);
                done += 1024;
            } else if (pick < cut[2]) {
                size16k(r, t16k, keep);
                done += 16 * 1024;
            } else if (pick < cut[3]) {
                size48k(r, t48k, keep);
                done += 48 * 1024;
            } else if (pick < cut[4]) {
                size64k(r, t64k, keep);
                done += 64 * 1024;
            } else {
                size1m(r, t1m, keep);
                done += 1024 * 1024;
            }
        }
    }

    /** {@link #sizes} split over {@code threads} threads, each with its own truths, summed by site. */
    static void sizesOnThreads(SplittableRandom r, List<Truth> truths, long total, double keep, int threads)
            throws InterruptedException {
        List<List<Truth>> perThread = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<Truth> mine = new ArrayList<>();
            SplittableRandom own = r.split();
            perThread.add(mine);
            running.add(new Thread(() -> sizes(own, mine, total / threads, keep), "sizes-" + i));
        }
        running.forEach(Thread::start);
        for (Thread t : running) {
            t.join();
        }
        for (List<Truth> mine : perThread) {
            for (Truth t : mine) {
                Truth sum = truths.stream().filter(u -> u.name.equals(t.name)).findFirst().orElseGet(() -> {
                    Truth u = new Truth(t.name, t.className);
                    truths.add(u);
                    return u;
                });
                sum.allocObjects += t.allocObjects;
                sum.allocBytes += t.allocBytes;
                sum.keptObjects += t.keptObjects;
                sum.keptBytes += t.keptBytes;
            }
        }
    }

    /** The workload method a site belongs to: its innermost frame in this class. */
    static String site(HeapSite s) {
        for (StackFrame f : s.stack()) {
            if (f.className().equals(TruthWorkload.class.getName()) && !f.methodName().equals("array")) {
                return f.methodName();
            }
        }
        return "";
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : HeapSampler.DEFAULT_RATE;
        double budget = Double.parseDouble(System.getProperty("truth.budget", "0"));
        HeapSampler sampler = HeapSampler.start(rate, HeapSampler.DEFAULT_MAX_DEPTH, budget);
        SplittableRandom r = new SplittableRandom(System.nanoTime());
        List<Truth> truths = new ArrayList<>();
        switch (mode) {
            case "sites" -> {
                Truth big = new Truth("retainBig", "byte[]"), small = new Truth("retainSmall", "int[]"), garbage = new Truth("churn", "byte[]");
                truths.addAll(List.of(big, small, garbage));
                // -Dtruth.smallMB=30: the held small site at the size the precision requirement names (docs/HEAP.md)
                long smallBytes = Long.getLong("truth.smallMB", 20) * MB;
                while (big.keptBytes < 200 * MB || small.keptBytes < smallBytes || garbage.allocBytes < 2000 * MB) {
                    int pick = r.nextInt(100); // interleaved at random, roughly in proportion to the targets
                    if (pick < 9 && big.keptBytes < 200 * MB) {
                        retainBig(r, big);
                    } else if (pick < 10 && small.keptBytes < smallBytes) {
                        retainSmall(r, small);
                    } else if (garbage.allocBytes < 2000 * MB) {
                        churn(r, garbage);
                    }
                }
            }
            case "live2g" -> {
                Truth big = new Truth("retainBig", "byte[]");
                truths.add(big);
                while (big.keptBytes < 2000 * MB) {
                    retainBig(r, big);
                }
            }
            case "alloc3" -> {
                Truth k4 = new Truth("alloc4k", "byte[]"), k1 = new Truth("alloc1k", "byte[]"), l = new Truth("allocInteger", "java.lang.Integer");
                truths.addAll(List.of(k4, k1, l));
                long total = Long.parseLong(args.length > 2 ? args[2] : "2000") * MB;
                // Picks objects 1 : 4 : 256 (1/4096 : 1/1024 : 1/16), so each site allocates
                // about a third of the bytes and gets about as many samples as the others:
                // the smallest site's sample count is what bounds the test's noise.
                while (k4.allocBytes + k1.allocBytes + l.allocBytes < total) {
                    int pick = r.nextInt(261);
                    if (pick < 1) {
                        alloc4k(r, k4);
                    } else if (pick < 5) {
                        alloc1k(r, k1);
                    } else {
                        allocInteger(r, l);
                    }
                }
            }
            case "sizes" -> sizesOnThreads(r, truths, Long.parseLong(args[2]) * MB, Double.parseDouble(args[3]),
                    Integer.getInteger("truth.threads", 1));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        java.util.Arrays.fill(SINK, null);
        System.gc();
        HeapSnapshot snap = sampler.snapshot();
        if (budget > 0) {
            // Where the budget held the interval while allocating flat out; then a quiet spell of
            // CPU work that allocates little, after which the interval should be back at the rate.
            SamplerStats busy = sampler.stats();
            System.out.printf("budget busy rate=%d base=%d raised=%d of %d max=%d%n", busy.rate(), busy.baseRate(),
                    busy.raisedSamples(), busy.samples(), busy.maxRate());
            // Quarter-second steps until the rate is back, for at most 15 s: the windows are a
            // second or more, and the first one still holds the end of the busy part.
            StringBuilder path = new StringBuilder();
            long quietStart = System.nanoTime();
            SamplerStats quiet = sampler.stats();
            while (quiet.rate() != quiet.baseRate() && System.nanoTime() - quietStart < 15_000_000_000L) {
                quietSpell(r, 250_000_000L);
                quiet = sampler.stats();
                path.append(' ').append(quiet.rate());
            }
            System.out.printf("budget quiet rate=%d base=%d after %d ms:%s%n", quiet.rate(), quiet.baseRate(),
                    (System.nanoTime() - quietStart) / 1_000_000, path);
        }
        for (Truth t : truths) {
            long[] m = new long[5];
            for (HeapSite s : snap.sites()) {
                // The workload's own objects only, not e.g. the ArrayList growth inside retainBig.
                if (site(s).equals(t.name) && s.className().equals(t.className)) {
                    m[0] += s.allocObjects();
                    m[1] += s.allocSpace();
                    m[2] += s.inuseObjects();
                    m[3] += s.inuseSpace();
                    m[4] += s.allocSamples();
                }
            }
            System.out.printf("site %s %d %d %d %d | truth %d %d %d %d | samples %d%n", t.name, m[0], m[1], m[2], m[3],
                    t.allocObjects, t.allocBytes, t.keptObjects, t.keptBytes, m[4]);
        }
        SamplerStats st = snap.stats();
        System.out.printf("stats samples=%d dropped=%d callbackNanos=%d live=%d sites=%d rate=%d kept=%d%n",
                st.samples(), st.dropped(), st.callbackNanos(), st.liveSamples(), st.sites(), st.rate(), KEPT.size());
    }
}
