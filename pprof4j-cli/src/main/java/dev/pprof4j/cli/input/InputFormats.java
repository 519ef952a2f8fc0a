package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Tells the input formats apart by their first bytes and reads each with its reader:
 * JFR recordings ("FLR\0"), the text and legacy formats of {@link TextFormat} (Go's text
 * dumps, pprof's legacy formats, Java thread dumps), collapsed stacks (text whose first line
 * ends in a count), and everything else as pprof (gzip or raw protobuf, ours or Go's).
 *
 * <p>The readers live in the command line, not in pprof4j-report: the web UI gets its
 * profile through a {@code ProfileSource} that the command line builds from these.
 */
public final class InputFormats {
    private static final int SNIFF = 4096;
    /** How much of a gzip stream may be read to see what it holds before reading it. */
    private static final int GZIP_SNIFF = 1 << 16;
    /** The most of a text or legacy profile read into memory: 100 000 goroutines take ~30 MB. */
    static final int MAX_TEXT_BYTES = 256 << 20;

    private InputFormats() {
    }

    /** The pprof decoder the command line uses, with its own bounds. */
    @FunctionalInterface
    public interface PprofDecoder {
        Profile decode(InputStream in) throws IOException;
    }

    /**
     * Reads one profile from {@code in} in whichever format it is; of a JFR recording only
     * the {@code jfrKinds} of events.
     *
     * @param maxBytes a JFR recording is copied to a temporary file (the JFR parser needs
     *     one) and refused when longer than this
     */
    public static Profile read(InputStream in, String source, long maxBytes, PprofDecoder pprof,
            Set<JfrEventKind> jfrKinds) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF);
        buffered.mark(SNIFF);
        byte[] head = buffered.readNBytes(SNIFF);
        buffered.reset();
        if (JfrProfileReader.isJfr(head)) {
            Path copy = Files.createTempFile("pprof4j-", ".jfr");
            try {
                copyBounded(buffered, copy, maxBytes, source);
                return JfrProfileReader.read(copy, jfrKinds);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        TextFormat text = TextFormat.sniff(head);
        if (text != null) {
            return text.read(readBounded(buffered, maxBytes, text));
        }
        // A gzipped text or legacy profile (a saved .txt.gz served as it is), read as files are.
        TextFormat gzipped = isGzip(head) ? TextFormat.sniff(gunzippedHead(buffered, source)) : null;
        if (gzipped != null) {
            return gzipped.read(readBounded(new GZIPInputStream(buffered, 1 << 16), maxBytes, gzipped));
        }
        if (isCollapsedText(head)) {
            return CollapsedStackReader.read(
                    new BufferedReader(new InputStreamReader(buffered, StandardCharsets.UTF_8)), source);
        }
        return pprof.decode(buffered);
    }

    /** The pprof decoder for files, which may read them faster than as a stream. */
    @FunctionalInterface
    public interface PprofFileDecoder {
        Profile decode(Path file) throws IOException;
    }

    /**
     * A profile as read, and whether it is merged already: what merging it alone would give
     * (one sample per stack, none all zero, every function and location used), so a caller
     * may skip that merge. The JFR reader's are (JfrProfileReaderIT checks it).
     */
    public record Read(Profile profile, boolean merged) { }

    /**
     * Reads one profile from {@code file} in whichever format it is (of a JFR recording only
     * the {@code jfrKinds} of events), saying whether it is merged already.
     */
    public static Read readFile(Path file, String source, PprofFileDecoder pprof, Set<JfrEventKind> jfrKinds)
            throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        if (JfrProfileReader.isJfr(head)) {
            return new Read(JfrProfileReader.read(file, jfrKinds), true);
        }
        TextFormat text = TextFormat.sniff(head);
        if (text != null) {
            try (InputStream in = Files.newInputStream(file)) {
                return new Read(text.read(readBounded(in, Long.MAX_VALUE, text)), false);
            }
        }
        // A gzipped text or legacy profile, which go tool pprof reads too (it gunzips first).
        TextFormat gzipped = isGzip(head) ? TextFormat.sniff(gunzippedHead(file)) : null;
        if (gzipped != null) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return new Read(gzipped.read(readBounded(in, Long.MAX_VALUE, gzipped)), false);
            }
        }
        if (isCollapsedText(head)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return new Read(CollapsedStackReader.read(reader, source), false);
            }
        }
        return new Read(pprof.decode(file), false);
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The first bytes the gzip file holds, or none when it is not readable gzip. */
    private static byte[] gunzippedHead(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(SNIFF);
        } catch (IOException e) {
            return new byte[0]; // the protobuf decoder will say what is wrong with it
        }
    }

    /**
     * The first bytes the gzip stream {@code in} holds, or none when it is not readable gzip;
     * {@code in} is back at its start afterwards. Inflating {@link #SNIFF} bytes reads about as
     * many, unless the gzip header is padded: a header longer than the mark is refused.
     */
    private static byte[] gunzippedHead(BufferedInputStream in, String source) throws IOException {
        in.mark(GZIP_SNIFF);
        byte[] head;
        try (InputStream gunzip = new GZIPInputStream(new KeepOpen(in))) {
            head = gunzip.readNBytes(SNIFF);
        } catch (IOException e) {
            head = new byte[0]; // the protobuf decoder will say what is wrong with it
        }
        try {
            in.reset();
        } catch (IOException e) {
            throw new ProfileFormatException(source + ": gzip header longer than " + GZIP_SNIFF + " bytes", e);
        }
        return head;
    }

    /** A stream whose close leaves the stream under it open. */
    private static final class KeepOpen extends java.io.FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller reads on from the stream under it
        }
    }

    /** Text (no NUL, no gzip magic) whose first non-comment line is "frames COUNT". */
    static boolean isCollapsedText(byte[] head) {
        if (head.length == 0 || (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b)) {
            return false;
        }
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        for (String line : new String(head, StandardCharsets.UTF_8).split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            return CollapsedStackReader.looksCollapsed(text);
        }
        return false;
    }

    /**
     * The whole input, for the readers of formats that are not profile.proto: these are text
     * dumps and old formats, and a bound well below the heap keeps a huge one from exhausting it.
     */
    private static byte[] readBounded(InputStream in, long maxBytes, TextFormat format) throws IOException {
        // held as bytes and as a String while read, and the profile made of it needs room too
        long heapBound = Runtime.getRuntime().maxMemory() / 8;
        long limit = Math.min(Math.min(maxBytes, MAX_TEXT_BYTES), heapBound);
        byte[] data = in.readNBytes((int) limit + 1);
        if (data.length > limit) {
            String why = limit == heapBound ? "an eighth of this JVM's heap; give it more memory (-Xmx)"
                    : limit == maxBytes ? "the limit; raise it with -max_bytes N" : "the most read in this format";
            throw new ProfileFormatException("reading " + format.description + ": longer than " + limit
                    + " bytes, " + why);
        }
        return data;
    }

    private static void copyBounded(InputStream in, Path file, long maxBytes, String source) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new ProfileFormatException(source + ": JFR recording longer than " + maxBytes
                            + " bytes; raise the limit with -max_bytes N");
                }
                out.write(buf, 0, n);
            }
        }
    }
}
