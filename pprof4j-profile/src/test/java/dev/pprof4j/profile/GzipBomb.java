package dev.pprof4j.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that inflates to {@code members × memberSize} bytes of a repeated pattern,
 * produced on the fly: one gzip member is compressed once and then repeated (concatenated
 * members are one valid gzip stream), so a several-GB bomb costs a few MB and never exists
 * on disk or in memory.
 */
final class GzipBomb extends InputStream {
    private final byte[] member;
    private final long members;
    private long served;
    private int pos;

    GzipBomb(byte[] prefix, byte[] pattern, int memberSize, long members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            byte[] block = new byte[pattern.length * Math.max(1, (1 << 16) / pattern.length)];
            for (int i = 0; i < block.length; i++) {
                block[i] = pattern[i % pattern.length];
            }
            for (int written = 0; written < memberSize; written += block.length) {
                gz.write(block, 0, Math.min(block.length, memberSize - written));
            }
        }
        this.member = out.toByteArray();
        this.members = members;
        // The first member is preceded by its own small member holding the prefix.
        this.prefix = prefix.length == 0 ? new byte[0] : gzip(prefix);
    }

    private final byte[] prefix;
    private int prefixPos;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    long compressedSize() {
        return prefix.length + member.length * members;
    }

    /** Says more is coming: GZIPInputStream looks for a next member only when some is available. */
    @Override
    public int available() {
        return served == members ? 0 : (int) Math.min(Integer.MAX_VALUE, member.length - pos + (prefix.length - prefixPos));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (prefixPos < prefix.length) {
            int n = Math.min(len, prefix.length - prefixPos);
            System.arraycopy(prefix, prefixPos, b, off, n);
            prefixPos += n;
            return n;
        }
        if (served == members) {
            return -1;
        }
        int n = Math.min(len, member.length - pos);
        System.arraycopy(member, pos, b, off, n);
        pos += n;
        if (pos == member.length) {
            pos = 0;
            served++;
        }
        return n;
    }
}
