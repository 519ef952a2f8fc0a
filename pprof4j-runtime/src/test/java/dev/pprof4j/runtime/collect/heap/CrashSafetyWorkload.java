package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.profile.ProfileEncoder;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The sampler's crash-safety cases, one per mode, each in its own child JVM:
 * {@code unload} (a site in a class whose loader is then collected, dumped afterwards),
 * {@code threads} (sites of threads that have exited) and {@code exit} (System.exit while
 * other threads dump and allocate). Prints {@code ok ...} lines the test checks.
 */
public final class CrashSafetyWorkload {
    static final List<Object> KEEP = Collections.synchronizedList(new ArrayList<>());
    static final String THROWAWAY = "dev.pprof4j.runtime.collect.heap.unload.Throwaway";

    /** Defines Throwaway itself instead of delegating, so it can be unloaded with the loader. */
    static final class ThrowawayLoader extends ClassLoader {
        ThrowawayLoader() {
            super(CrashSafetyWorkload.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(THROWAWAY)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    /**
     * 4 KiB: what these cases check is that sites survive unloading and thread exit, so the
     * sampling error must stay far below their ±15 %. At 64 KiB the 20 MB site read 0.83-1.07
     * (about 300 samples; ±15 % was under 3 sigma and failed under load), at 16 KiB 0.88-1.05.
     */
    static final int RATE = 4 * 1024;

    public static void main(String[] args) throws Exception {
        HeapSampler sampler = HeapSampler.start(RATE, HeapSampler.DEFAULT_MAX_DEPTH);
        switch (args[0]) {
            case "unload" -> unload(sampler);
            case "threads" -> threads(sampler);
            case "exit" -> exitDuringDump(sampler, Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static WeakReference<Class<?>> runInThrowaway() throws Exception {
        Class<?> c = new ThrowawayLoader().loadClass(THROWAWAY);
        c.getMethod("allocate", List.class, long.class).invoke(null, KEEP, 20_000_000L);
        return new WeakReference<>(c);
    }

    static void unload(HeapSampler sampler) throws Exception {
        WeakReference<Class<?>> cls = runInThrowaway();
        for (int i = 0; i < 50 && cls.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        System.out.println("unloaded " + (cls.get() == null));
        // Allocate more so that new stacks are resolved after the unload too.
        for (int i = 0; i < 2000; i++) {
            KEEP.add(new int[1000]);
        }
        HeapSnapshot snap = sampler.snapshot();
        long inuse = 0;
        String frame = "";
        for (HeapSite s : snap.sites()) {
            StackFrame leaf = s.stack().isEmpty() ? null : s.stack().get(0);
            if (leaf != null && leaf.className().equals(THROWAWAY)) {
                inuse += s.inuseSpace();
                frame = leaf.toString();
            }
        }
        byte[] encoded = ProfileEncoder.toGzipBytes(HeapProfiles.heap(snap));
        System.out.println("ok unload inuse=" + inuse + " frame=" + frame + " encoded=" + encoded.length);
    }

    static void threads(HeapSampler sampler) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                SplittableRandom r = new SplittableRandom();
                List<Object> mine = new ArrayList<>();
                for (long done = 0; done < 5_000_000L; ) {
                    int n = 1024 * (1 + r.nextInt(8));
                    mine.add(new byte[n]);
                    done += (16 + n + 7) & ~7;
                }
                KEEP.add(mine);
            }, "short-lived-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        System.gc();
        long inuse = 0;
        for (HeapSite s : sampler.snapshot().sites()) {
            if (s.className().equals("byte[]") && s.stack().stream().anyMatch(f -> f.methodName().startsWith("lambda$threads"))) {
                inuse += s.inuseSpace();
            }
        }
        System.out.println("ok threads inuse=" + inuse + " truth=40000000");
    }

    /**
     * Dumps in a loop on two threads while two others allocate and a fifth walks the heap for
     * retainers (by site and by class), and exits mid-way.
     */
    static void exitDuringDump(HeapSampler sampler, int afterMillis) throws Exception {
        Thread walker = new Thread(() -> {
            Pattern site = Pattern.compile("CrashSafetyWorkload");
            Duration bound = Duration.ofSeconds(5);
            while (true) {
                try {
                    Retainers.ofSite(sampler, site, 2_000_000, 5, bound);
                    Retainers.of("byte[]", 2_000_000, 5, bound);
                } catch (IllegalStateException | NoSuchElementException e) {
                    // the JVM is exiting, or no site sampled yet: both are answers, not crashes
                }
            }
        }, "retainers-walker");
        walker.setDaemon(true);
        walker.start();
        for (int t = 0; t < 2; t++) {
            Thread d = new Thread(() -> {
                while (true) {
                    ProfileEncoder.toGzipBytes(HeapProfiles.heap(sampler.snapshot()));
                }
            }, "dumper-" + t);
            d.setDaemon(true);
            d.start();
            Thread a = new Thread(() -> {
                SplittableRandom r = new SplittableRandom();
                Object[] sink = new Object[256];
                while (true) {
                    sink[r.nextInt(sink.length)] = new byte[r.nextInt(64 * 1024)];
                }
            }, "allocator-" + t);
            a.setDaemon(true);
            a.start();
        }
        Thread.sleep(afterMillis);
        System.out.println("ok exiting samples=" + sampler.stats().samples());
        System.exit(42);
    }
}
