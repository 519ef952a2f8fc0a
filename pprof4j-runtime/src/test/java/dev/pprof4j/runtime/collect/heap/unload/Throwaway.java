package dev.pprof4j.runtime.collect.heap.unload;

import java.util.List;

/** Loaded by a throwaway class loader in CrashSafetyWorkload, then unloaded. */
public final class Throwaway {
    private Throwaway() {
    }

    /** Keeps about {@code bytes} in byte arrays (a JDK type, so they don't pin this class). */
    public static void allocate(List<Object> keep, long bytes) {
        for (long done = 0; done < bytes; done += 4096) {
            keep.add(new byte[4096 - 16]);
        }
    }
}
