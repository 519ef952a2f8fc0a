package dev.pprof4j.profile;

import static dev.pprof4j.profile.ProtoFields.*;

import java.util.Arrays;

/**
 * Merges samples as they are read: a sample with the same location ids and the same labels
 * (byte for byte) as an earlier one adds its values to that one's and is dropped, so what a
 * decode holds grows with the distinct samples, not with all of them. This is the merge
 * {@link Merger} (and go tool pprof, which merges every profile it reads) does anyway, on a
 * finer key: two ids for equal locations, or equal labels written differently, stay apart
 * here and are joined there; the first sample of each kind keeps its place, so the merged
 * order is the same.
 *
 * <p>Only samples whose values are all non-negative are merged: their sum is zero only when
 * every value was, so no sample that {@link Merger} would keep (it drops all-zero ones) is
 * lost to a sum that cancels out. A sample with a negative value (a difference) stays on its own.
 */
final class SampleAggregator {
    private final WireIndex index;
    /** Open addressing: number of a merged sample + 1, 0 for an empty slot. */
    private int[] table = new int[1 << 10];
    private int[] hashes = new int[64];
    /** Where each merged sample's summed values start in {@link #sums}, and how many there are. */
    private int[] valueStarts = new int[64];
    private int[] valueCounts = new int[64];
    private long[] sums = new long[256];
    private int sumCount;
    private int count;
    private final SampleKey read = new SampleKey();
    private final SampleKey earlier = new SampleKey();
    /**
     * The last sample message read (when short), and which merged sample it went to: a run of
     * equal messages, what a bomb of equal samples is made of, costs a comparison each.
     */
    private final byte[] last = new byte[LAST_MAX];
    private int lastLength = -1;
    private int lastMerged;
    private static final int LAST_MAX = 64;

    SampleAggregator(WireIndex index) {
        this.index = index;
    }

    /**
     * Reads the sample message {@code buf[offset, offset + length)} (at {@code origin + offset}
     * in the profile); returns true when it is the first of its kind, which the caller then
     * keeps as the next of {@code kept} (merged samples and kept messages are numbered alike),
     * false when its values were added to an earlier one's (whose message {@code kept} locates
     * in {@code buf}).
     */
    boolean add(byte[] buf, int offset, int length, int origin, WireIndex.Spans kept)
            throws ProfileFormatException {
        if (length == lastLength && Arrays.equals(buf, offset, offset + length, last, 0, length)) {
            // The same bytes as the last one, so the same key and values (still in read).
            addValues(lastMerged);
            return false;
        }
        read.read(buf, offset, length, origin);
        lastLength = -1;
        if (read.mergeable && length <= LAST_MAX) {
            System.arraycopy(buf, offset, last, 0, length);
            lastLength = length;
        }
        if (read.mergeable) {
            int slot = read.hash & (table.length - 1);
            for (int n; (n = table[slot]) != 0; slot = (slot + 1) & (table.length - 1)) {
                int j = n - 1;
                if (hashes[j] == read.hash && valueCounts[j] == read.valueCount) {
                    earlier.read(buf, kept.offsets[j], kept.lengths[j], 0);
                    if (read.sameKey(earlier)) {
                        lastMerged = j;
                        addValues(j);
                        return false;
                    }
                }
            }
        }
        if (count == hashes.length) {
            grow(origin + offset);
        }
        if (sumCount + read.valueCount > sums.length) {
            long size = Math.max(2L * sums.length, sumCount + read.valueCount);
            index.requireHeap(8 * size, origin + offset);
            sums = Arrays.copyOf(sums, (int) Math.min(size, Integer.MAX_VALUE - 16));
        }
        lastMerged = count;
        hashes[count] = read.hash;
        valueStarts[count] = sumCount;
        valueCounts[count] = read.valueCount;
        System.arraycopy(read.values, 0, sums, sumCount, read.valueCount);
        sumCount += read.valueCount;
        count++;
        if (read.mergeable) {
            if (2 * count > table.length) {
                rehash(origin + offset);
            }
            int slot = read.hash & (table.length - 1);
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = count;
        }
        return true;
    }

    private void addValues(int merged) {
        int at = valueStarts[merged];
        for (int v = 0; v < read.valueCount; v++) {
            sums[at + v] += read.values[v];
        }
    }

    /** The summed values of merged sample {@code i}. */
    long[] values(int i) {
        return Arrays.copyOfRange(sums, valueStarts[i], valueStarts[i] + valueCounts[i]);
    }

    /** The heap this takes. */
    long heapBytes() {
        return 4L * table.length + 12L * hashes.length + 8L * sums.length + 64;
    }

    private void grow(int at) throws ProfileFormatException {
        index.requireHeap(12L * count * 2, at);
        hashes = Arrays.copyOf(hashes, count * 2);
        valueStarts = Arrays.copyOf(valueStarts, count * 2);
        valueCounts = Arrays.copyOf(valueCounts, count * 2);
    }

    private void rehash(int at) throws ProfileFormatException {
        index.requireHeap(4L * table.length * 2, at);
        int[] bigger = new int[table.length * 2];
        for (int n : table) {
            if (n != 0) {
                int slot = hashes[n - 1] & (bigger.length - 1);
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & (bigger.length - 1);
                }
                bigger[slot] = n;
            }
        }
        table = bigger;
    }

    /** What a sample is merged by (its location ids and its labels' bytes), and its values. */
    private static final class SampleKey {
        private ProtoReader r = new ProtoReader(new byte[0], 0, 0);
        private byte[] buf;
        long[] ids = new long[64];
        int idCount;
        long[] values = new long[8];
        int valueCount;
        /** Offset and length of each label message in {@link #buf}. */
        int[] labels = new int[8];
        int labelCount;
        int hash;
        boolean mergeable;

        void read(byte[] buf, int offset, int length, int origin) throws ProfileFormatException {
            this.buf = buf;
            ProtoReader r = reader(buf, offset, length, origin);
            idCount = 0;
            valueCount = 0;
            labelCount = 0;
            while (r.more()) {
                int key = r.tag();
                switch (key >>> 3) {
                    case SAMPLE_LOCATION_ID -> {
                        if ((key & 7) == WIRE_LEN) {
                            int end = r.length() + r.pos;
                            int outerEnd = r.end;
                            r.end = end;
                            while (r.more()) {
                                ids = append(ids, idCount++, r.varint());
                            }
                            r.end = outerEnd;
                        } else {
                            r.expect(key, WIRE_VARINT, "Sample.location_id");
                            ids = append(ids, idCount++, r.varint());
                        }
                    }
                    case SAMPLE_VALUE -> {
                        if ((key & 7) == WIRE_LEN) {
                            int end = r.length() + r.pos;
                            int outerEnd = r.end;
                            r.end = end;
                            while (r.more()) {
                                values = append(values, valueCount++, r.varint());
                            }
                            r.end = outerEnd;
                        } else {
                            r.expect(key, WIRE_VARINT, "Sample.value");
                            values = append(values, valueCount++, r.varint());
                        }
                    }
                    case SAMPLE_LABEL -> {
                        r.expect(key, WIRE_LEN, "Sample.label");
                        int labelLength = r.length();
                        if (2 * labelCount + 2 > labels.length) {
                            labels = Arrays.copyOf(labels, labels.length * 2);
                        }
                        labels[2 * labelCount] = r.pos;
                        labels[2 * labelCount++ + 1] = labelLength;
                        r.pos += labelLength;
                    }
                    default -> r.skip(key & 7);
                }
            }
            int h = valueCount;
            mergeable = true;
            for (int i = 0; i < valueCount; i++) {
                mergeable &= values[i] >= 0;
            }
            for (int i = 0; i < idCount; i++) {
                h = 31 * h + Long.hashCode(ids[i]);
            }
            for (int i = 0; i < labelCount; i++) {
                for (int b = labels[2 * i], end = b + labels[2 * i + 1]; b < end; b++) {
                    h = 31 * h + buf[b];
                }
            }
            hash = h ^ (h >>> 16);
        }

        boolean sameKey(SampleKey o) {
            if (idCount != o.idCount || labelCount != o.labelCount
                    || !Arrays.equals(ids, 0, idCount, o.ids, 0, idCount)) {
                return false;
            }
            for (int i = 0; i < labelCount; i++) {
                int from = labels[2 * i];
                int oFrom = o.labels[2 * i];
                if (!Arrays.equals(buf, from, from + labels[2 * i + 1], o.buf, oFrom, oFrom + o.labels[2 * i + 1])) {
                    return false;
                }
            }
            return true;
        }

        private ProtoReader reader(byte[] buf, int offset, int length, int origin) {
            if (r.buf != buf) { // the decoder's buffer grew
                r = new ProtoReader(buf, 0, 0);
            }
            r.pos = offset;
            r.end = offset + length;
            r.origin = origin;
            return r;
        }

        private static long[] append(long[] a, int i, long v) {
            if (i == a.length) {
                a = Arrays.copyOf(a, i * 2);
            }
            a[i] = v;
            return a;
        }
    }
}
