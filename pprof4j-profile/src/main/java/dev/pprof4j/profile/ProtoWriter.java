package dev.pprof4j.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal protobuf writer: a growing byte array with one method per wire shape. Nested
 * messages are written in place: {@link #beginMessage} reserves one byte for the length,
 * and {@link #endMessage} widens it when the body turned out longer than 127 bytes, so no
 * message is serialized twice. Public so that the agent's other wire messages (the Pyroscope
 * push request) are written by this one writer too.
 */
public final class ProtoWriter {
    private byte[] buf;
    private int pos;

    public ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("profile too large to encode: more than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** An int64 or uint64 field, always written. */
    public void int64(int field, long value) {
        tag(field, ProtoFields.WIRE_VARINT);
        varint(value);
    }

    /** An int64 or uint64 field, left out when zero (proto3's default). */
    public void int64Opt(int field, long value) {
        if (value != 0) {
            int64(field, value);
        }
    }

    void boolOpt(int field, boolean value) {
        if (value) {
            int64(field, 1);
        }
    }

    public void string(int field, String s) {
        bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field (an embedded blob such as a gzipped profile), always written. */
    public void bytes(int field, byte[] bytes) {
        tag(field, ProtoFields.WIRE_LEN);
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** A packed repeated int64/uint64 field; nothing when empty. */
    void packed(int field, long[] values, int count) {
        if (count == 0) {
            return;
        }
        int start = beginMessage(field);
        for (int i = 0; i < count; i++) {
            varint(values[i]);
        }
        endMessage(start);
    }

    /** Starts a length-delimited field; returns the mark to pass to {@link #endMessage}. */
    public int beginMessage(int field) {
        tag(field, ProtoFields.WIRE_LEN);
        ensure(1);
        pos++; // one byte for the length; endMessage widens it when needed
        return pos;
    }

    public void endMessage(int bodyStart) {
        int length = pos - bodyStart;
        int lengthBytes = varintSize(length);
        if (lengthBytes > 1) {
            ensure(lengthBytes - 1);
            System.arraycopy(buf, bodyStart, buf, bodyStart + lengthBytes - 1, length);
            pos += lengthBytes - 1;
        }
        int p = bodyStart - 1;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }
}
