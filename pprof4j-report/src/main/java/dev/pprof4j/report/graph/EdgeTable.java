package dev.pprof4j.report.graph;

import java.util.Arrays;

/**
 * The calls of one graph while it is being built, keyed by (caller, callee) node ids in one
 * open-addressing table of primitives. A large profile has millions of distinct calls; as
 * objects in per-node hash maps (pprof's layout) they cost ~120 bytes and several cache
 * misses each, here 29 bytes and usually one miss.
 */
final class EdgeTable {
    private static final long EMPTY = -1;
    static final byte INLINE = 1;
    static final byte RESIDUAL = 2;

    private long[] keys;
    private long[] weights;
    /** {@code -mean}: the counts behind each weight. */
    private long[] weightDivs;
    private int[] seenInSample;
    private byte[] flags;
    private int size;
    private int mask;

    EdgeTable() {
        allocate(1 << 10);
    }

    /**
     * Adds {@code w} to the call {@code from -> to} once per sample (pprof's seenEdge):
     * a call made twice in one recursive stack counts once. A call stays inline only while
     * every sample saw it inlined, and becomes residual once any sample skipped trimmed nodes.
     */
    void add(int from, int to, long w, int sampleNo, boolean residual, boolean inline) {
        add(from, to, w, 0, sampleNo, residual, inline);
    }

    /** As {@link #add(int, int, long, int, boolean, boolean)}, adding {@code dw} to the call's count for {@code -mean}. */
    void add(int from, int to, long w, long dw, int sampleNo, boolean residual, boolean inline) {
        long key = (long) from << 32 | to;
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                break;
            }
            if (k == EMPTY) {
                keys[i] = key;
                weights[i] = w;
                weightDivs[i] = dw;
                seenInSample[i] = sampleNo;
                flags[i] = (byte) ((inline ? INLINE : 0) | (residual ? RESIDUAL : 0));
                if (++size > mask - (mask >> 2)) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
        if (seenInSample[i] == sampleNo) {
            return;
        }
        seenInSample[i] = sampleNo;
        weights[i] += w;
        weightDivs[i] += dw;
        byte f = flags[i];
        if (residual) {
            f |= RESIDUAL;
        }
        if (!inline) {
            f &= ~INLINE;
        }
        flags[i] = f;
    }

    int size() {
        return size;
    }

    /** Calls {@code visitor} once per call in the table, in no particular order. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            long k = keys[i];
            if (k != EMPTY) {
                visitor.edge((int) (k >>> 32), (int) k, weights[i], weightDivs[i], flags[i]);
            }
        }
    }

    interface Visitor {
        void edge(int from, int to, long weight, long weightDiv, byte flags);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        weights = new long[capacity];
        weightDivs = new long[capacity];
        seenInSample = new int[capacity];
        flags = new byte[capacity];
        mask = capacity - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldWeights = weights;
        long[] oldWeightDivs = weightDivs;
        int[] oldSeen = seenInSample;
        byte[] oldFlags = flags;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k == EMPTY) {
                continue;
            }
            int i = slot(k);
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            weights[i] = oldWeights[j];
            weightDivs[i] = oldWeightDivs[j];
            seenInSample[i] = oldSeen[j];
            flags[i] = oldFlags[j];
        }
    }
}
