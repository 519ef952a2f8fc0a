package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.protocol.ThreadDumpJson;
import dev.pprof4j.protocol.ThreadDumpText;
import java.nio.charset.StandardCharsets;

/**
 * The profile formats that are not profile.proto, told apart by their first line (or, for
 * the binary CPU format, its first words), each read by its reader. The order of sniffing
 * ({@link InputFormats}): JFR's magic, gzip (profile.proto), these, collapsed stacks, and
 * raw profile.proto last. None of these can be taken for another: each first line is
 * distinct, the binary CPU header starts with a zero word where a protobuf cannot start
 * (field 0 does not exist), text has no NUL byte, and collapsed stacks are tried after these
 * because {@code goroutine profile: total 12} also ends in a number.
 */
enum TextFormat {
    LEGACY_CPU("legacy CPU profile"),
    HEAP("heap profile"),
    COUNT("count profile"),
    THREADZ("thread profile"),
    CONTENTION("contention profile"),
    JAVA_LEGACY("Java heap or contention profile"),
    GOROUTINE_DUMP("goroutine dump"),
    JAVA_THREAD_DUMP("Java thread dump"),
    JAVA_THREAD_DUMP_JSON("JSON thread dump");

    /** How error messages name it. */
    final String description;

    TextFormat(String description) {
        this.description = description;
    }

    /** The format these first bytes begin, or null for none of these. */
    static TextFormat sniff(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return null; // gzip: profile.proto's container
        }
        if (LegacyCpuReader.sniff(head)) {
            return LEGACY_CPU;
        }
        for (byte b : head) {
            if (b == 0) {
                return null; // binary: no text format
            }
        }
        String first = firstLine(head, false);
        if (LegacyHeapReader.sniff(first)) {
            return HEAP;
        }
        if (ContentionReader.sniff(first)) {
            return CONTENTION;
        }
        if (JavaLegacyReader.sniff(first)) {
            return JAVA_LEGACY;
        }
        String firstReal = firstLine(head, true);
        if (GoCountReader.profileName(firstReal) != null) {
            return COUNT;
        }
        if (ThreadzReader.sniff(firstReal)) {
            return THREADZ;
        }
        if (GoroutineDumpReader.isHeader(firstLine(head, false).strip())) {
            return GOROUTINE_DUMP;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (ThreadDumpText.sniff(text)) {
            return JAVA_THREAD_DUMP;
        }
        if (ThreadDumpJson.sniff(text)) {
            return JAVA_THREAD_DUMP_JSON;
        }
        return null;
    }

    Profile read(byte[] data) throws ProfileFormatException {
        HeapEstimate heap = new HeapEstimate(data.length);
        if (this == LEGACY_CPU) {
            return LegacyCpuReader.read(data, heap);
        }
        String text = new String(data, StandardCharsets.UTF_8);
        return switch (this) {
            case HEAP -> LegacyHeapReader.read(text, heap);
            case COUNT -> GoCountReader.read(text, heap);
            case THREADZ -> ThreadzReader.read(text, heap);
            case CONTENTION -> {
                Profile p = ContentionReader.read(text, heap);
                yield p != null ? p : JavaLegacyReader.read(text, heap);
            }
            case JAVA_LEGACY -> JavaLegacyReader.read(text, heap);
            case GOROUTINE_DUMP -> GoroutineDumpReader.read(text, heap);
            case JAVA_THREAD_DUMP -> JavaThreadDumpReader.readText(text, heap);
            case JAVA_THREAD_DUMP_JSON -> JavaThreadDumpReader.readJson(text, heap);
            default -> throw new IllegalStateException(name());
        };
    }

    /** The first line, or with {@code skipComments} the first that is not blank or a comment. */
    private static String firstLine(byte[] head, boolean skipComments) {
        TextLines lines = new TextLines(new String(head, StandardCharsets.UTF_8));
        while (lines.next()) {
            if (!skipComments || !TextLines.isSpaceOrComment(lines.line())) {
                return lines.line();
            }
        }
        return "";
    }
}
