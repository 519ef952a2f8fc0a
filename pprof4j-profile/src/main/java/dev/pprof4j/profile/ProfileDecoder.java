package dev.pprof4j.profile;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a profile.proto profile, gzip-compressed or not, as go tool pprof does, but
 * bounded: the decompressed size is capped (a gzip bomb is refused when the count passes
 * the cap, having held at most the cap in memory; one of zeros or garbage is refused after
 * its first block, because the framing is checked while inflating), so is the heap a decode
 * may take (half the JVM's: a bomb of well-formed tiny messages under the size cap is refused
 * as soon as what it would become passes that, see {@code HeapBudget}), and every length,
 * index and id is checked. Anything wrong ends in a {@link ProfileFormatException} whose
 * message starts with {@code decompressing profile:}, {@code parsing profile:} or
 * {@code malformed profile:} and says where.
 *
 * <p>The decompressed bytes are not all held: the decoder keeps the messages it needs and
 * reuses its buffer for the rest, so with {@link #mergingSamples()} (equal samples merged as
 * they are read) what a decode holds follows the profile's distinct content, and the size
 * cap bounds the time a profile takes rather than its memory.
 *
 * <p>A decoder holds only its limit and how to raise it; it is immutable and may be shared
 * between threads. The heap budget is read from the running JVM at each decode.
 */
public final class ProfileDecoder {
    /** Default cap on the decompressed size: generous (Go's biggest real profiles are tens of MB) but finite. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    /** System property that overrides {@link #DEFAULT_MAX_BYTES} for decoders made with {@link #ProfileDecoder()}. */
    public static final String MAX_BYTES_PROPERTY = "pprof4j.profile.maxBytes";

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 16;

    private final long maxBytes;
    private final String limitOption;
    private final boolean mergeSamples;

    /** A decoder with the default limit, or the one in system property {@value #MAX_BYTES_PROPERTY}. */
    public ProfileDecoder() {
        this(Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES), "-D" + MAX_BYTES_PROPERTY + "=BYTES");
    }

    /** A decoder that refuses profiles larger than {@code maxDecompressedBytes} once decompressed. */
    public ProfileDecoder(long maxDecompressedBytes) {
        this(maxDecompressedBytes, "the decoder's maxDecompressedBytes");
    }

    /**
     * A decoder that refuses profiles larger than {@code maxDecompressedBytes} once decompressed,
     * and whose refusal tells the user to raise the limit with {@code limitOption}: how the
     * caller's user sets it, e.g. a command line's {@code -max_bytes N}.
     */
    public ProfileDecoder(long maxDecompressedBytes, String limitOption) {
        this(maxDecompressedBytes, limitOption, false);
    }

    private ProfileDecoder(long maxDecompressedBytes, String limitOption, boolean mergeSamples) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        this.maxBytes = Math.min(maxDecompressedBytes, ARRAY_LIMIT);
        this.limitOption = limitOption;
        this.mergeSamples = mergeSamples;
    }

    /**
     * This decoder, but merging samples as it reads them: samples with the same location ids
     * and the same labels become one, their values summed (when none is negative), in the
     * place of the first. That is the merge {@link Merger} does, which go tool pprof applies
     * to every profile it reads, so a profile decoded this way and merged is the same as one
     * decoded whole and merged; but the decode holds only the distinct samples, so 50 million
     * equal samples take the memory of one. Use it when the samples will be merged anyway.
     */
    public ProfileDecoder mergingSamples() {
        return new ProfileDecoder(maxBytes, limitOption, true);
    }

    public long maxDecompressedBytes() {
        return maxBytes;
    }

    /** Reads a profile file. */
    public Profile decode(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, Files.size(file));
        }
    }

    /** Decodes a whole profile held in memory. */
    public Profile decode(byte[] data) throws ProfileFormatException {
        try {
            if (!isGzip(data)) {
                if (data.length > maxBytes) {
                    throw tooLarge();
                }
                return parse(data, data.length);
            }
            return decode(new ByteArrayInputStream(data), data.length);
        } catch (ProfileFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    /** Reads a profile from {@code in} to its end; does not close it. */
    public Profile decode(InputStream in) throws IOException {
        return decode(in, -1);
    }

    /** Shorthand for {@code new ProfileDecoder().decode(file)}. */
    public static Profile read(Path file) throws IOException {
        return new ProfileDecoder().decode(file);
    }

    private Profile decode(InputStream raw, long sizeHint) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        boolean gzip = isGzip(magic);
        InputStream src = in;
        if (gzip) {
            try {
                src = new GZIPInputStream(new FilterInputStream(in) {
                    @Override
                    public void close() {
                        // the caller's stream stays open; closing the gzip stream frees only its Inflater
                    }
                }, 1 << 16);
            } catch (EOFException e) {
                throw new ProfileFormatException("decompressing profile: the gzip header is cut short; "
                        + "was it saved completely?", e);
            } catch (ZipException e) {
                throw new ProfileFormatException("decompressing profile: " + e.getMessage(), e);
            }
        }
        try {
            WireIndex index = new WireIndex(HeapBudget.ofThisJvm(), false, mergeSamples);
            // The buffer holds what is kept of the profile and the part not yet scanned, and
            // grows from there if needed. A compressed profile is 1.2 (large ones: stacks of
            // varints) to 10 times smaller: start at twice the file, which holds a large one
            // whole, and no larger than a quarter of what the decode may take.
            long guess = sizeHint <= 0 ? 1 << 16 : gzip ? sizeHint * 2 : sizeHint + 1;
            guess = Math.min(guess, index.budget().limit() / 4);
            int size = (int) Math.min(Math.max(guess, 1 << 12), maxBytes);
            index.requireHeap(size, 0);
            byte[] buf = new byte[size];
            index.bufferBytes = size;
            long inflated = 0; // the profile's size so far
            int filled = 0;
            int scanned = 0;
            while (true) {
                int n;
                try {
                    if (filled == buf.length) {
                        filled = index.compact(buf, scanned, filled);
                        scanned = index.kept;
                        if (filled > buf.length / 2 && buf.length < maxBytes) {
                            // Less than half free after compacting: grow, or reading would crawl.
                            size = (int) Math.min((long) buf.length * 2, maxBytes);
                            index.requireHeap(size, (int) inflated); // the old buffer is copied into the new one
                            buf = grow(buf, size);
                            index.bufferBytes = size;
                        }
                        if (filled == buf.length) {
                            // A buffer of maxBytes full: at the limit, one more byte means too
                            // large (probed without growing).
                            if (src.read() >= 0) {
                                throw tooLarge();
                            }
                            break;
                        }
                    }
                    n = src.read(buf, filled, buf.length - filled);
                } catch (EOFException e) {
                    throw new ProfileFormatException("decompressing profile: the gzip stream ends early, after "
                            + inflated + " decompressed bytes; was it saved completely?", e);
                } catch (ZipException e) {
                    throw new ProfileFormatException("decompressing profile: " + e.getMessage()
                            + " after " + inflated + " decompressed bytes; the file is damaged", e);
                }
                if (n < 0) {
                    break;
                }
                filled += n;
                inflated += n;
                if (inflated > maxBytes) {
                    throw tooLarge();
                }
                scanned = index.scan(buf, scanned, filled);
                index.requireHeap(0, (int) inflated);
            }
            return finish(buf, filled, scanned, index);
        } finally {
            if (gzip) {
                src.close();
            }
        }
    }

    private static byte[] grow(byte[] buf, int size) throws ProfileFormatException {
        try {
            return Arrays.copyOf(buf, size);
        } catch (OutOfMemoryError e) {
            // One failed large allocation leaves the heap as it was: safe to report and go on.
            throw new ProfileFormatException("decompressing profile: more than " + (buf.length >> 20)
                    + " MiB decompressed and the heap cannot hold more (a gzip bomb?); if it is genuine, "
                    + "give the JVM more memory (-Xmx)", e);
        }
    }

    private Profile parse(byte[] data, int length) throws ProfileFormatException {
        WireIndex index = new WireIndex(HeapBudget.ofThisJvm(), true, mergeSamples);
        index.bufferBytes = data.length; // the caller's, but held while decoding all the same
        int scanned = index.scan(data, 0, length);
        return finish(data, length, scanned, index);
    }

    private static Profile finish(byte[] buf, int filled, int scanned, WireIndex index)
            throws ProfileFormatException {
        int origin = index.origin;
        if (origin + filled == 0) {
            throw new ProfileFormatException("parsing profile: empty input; was it saved completely?");
        }
        if (scanned != filled) {
            throw ProtoReader.error("truncated at byte " + (origin + filled) + " (the field at byte "
                    + (origin + scanned) + " is incomplete); was it saved completely?");
        }
        index.requireHeap(0, origin + filled);
        return new ProfileAssembler(buf, index).assemble();
    }

    private ProfileFormatException tooLarge() {
        String limit = maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes";
        return new ProfileFormatException("decompressing profile: larger than " + limit
                + " when decompressed (a gzip bomb?); if it is genuine, raise the limit with " + limitOption);
    }

    private static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == GZIP_MAGIC_0 && (data[1] & 0xFF) == GZIP_MAGIC_1;
    }
}
