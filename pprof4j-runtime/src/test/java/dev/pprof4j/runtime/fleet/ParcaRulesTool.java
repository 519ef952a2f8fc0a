package dev.pprof4j.runtime.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * A TEST TOOL checking, on the raw protobuf, the rules Parca's normalizer applies to a scraped
 * profile (from its documented validation, not its code): mapping, function and location ids
 * run 1, 2, 3… in the order they are written (id == index + 1), string 0 is empty; and the
 * profile is stored as a delta iff {@code duration_nanos != 0}. Field numbers are
 * profile.proto's: 3 mapping, 4 location, 5 function, 6 string_table, 10 duration_nanos.
 */
final class ParcaRulesTool {
    private ParcaRulesTool() {
    }

    /** Problems found, empty when the profile passes; {@code durationNanos} receives field 10. */
    static List<String> problems(byte[] protobuf, long[] durationNanos) {
        List<String> problems = new ArrayList<>();
        long[] nextId = {0, 0, 0, 1, 1, 1};
        boolean firstString = true;
        int[] pos = {0};
        durationNanos[0] = 0;
        while (pos[0] < protobuf.length) {
            long tag = varint(protobuf, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire == 0) {
                long v = varint(protobuf, pos);
                if (field == 10) {
                    durationNanos[0] = v;
                }
            } else if (wire == 2) {
                int length = (int) varint(protobuf, pos);
                int start = pos[0];
                if (field >= 3 && field <= 5) {
                    long id = firstVarintField1(protobuf, start, start + length);
                    if (id != nextId[field]) {
                        problems.add(new String[] {"", "", "", "mapping", "location", "function"}[field] + " id "
                                + id + " where " + nextId[field] + " (index + 1) is required");
                    }
                    nextId[field]++;
                } else if (field == 6) {
                    if (firstString && length != 0) {
                        problems.add("string 0 is not empty");
                    }
                    firstString = false;
                }
                pos[0] = start + length;
            } else if (wire == 1) {
                pos[0] += 8;
            } else if (wire == 5) {
                pos[0] += 4;
            } else {
                problems.add("unexpected wire type " + wire + " at field " + field);
                return problems;
            }
        }
        if (firstString) {
            problems.add("no string table");
        }
        return problems;
    }

    /** Field 1 (the id) of a nested message, 0 when absent. */
    private static long firstVarintField1(byte[] b, int start, int end) {
        int[] pos = {start};
        while (pos[0] < end) {
            long tag = varint(b, pos);
            int wire = (int) (tag & 7);
            if (tag >>> 3 == 1 && wire == 0) {
                return varint(b, pos);
            }
            switch (wire) {
                case 0 -> varint(b, pos);
                case 1 -> pos[0] += 8;
                case 2 -> {
                    int length = (int) varint(b, pos);
                    pos[0] += length;
                }
                case 5 -> pos[0] += 4;
                default -> {
                    return -1;
                }
            }
        }
        return 0;
    }

    private static long varint(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return value;
            }
        }
        throw new AssertionError("varint too long at " + pos[0]);
    }
}
