package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import java.util.regex.Pattern;

/**
 * gperftools' thread profile ({@code threadz}): {@code --- threadz 1 ---}, then per thread
 * {@code --- Thread 7f79... (name: main/14748) stack: ---} and its addresses, one thread
 * counted per stack; {@code same as previous thread} counts one more for the stack before.
 */
final class ThreadzReader {
    private static final Pattern THREADZ = Pattern.compile("--- threadz \\d+ ---");
    private static final Pattern THREAD = Pattern.compile("--- Thread ([0-9a-fA-F]+) \\(name: (.*)/(\\d+)\\) stack: ---");
    private static final int MAX_HEADER = 4096;

    private ThreadzReader() {
    }

    static boolean sniff(String firstLine) {
        return firstLine.length() <= MAX_HEADER
                && (THREADZ.matcher(firstLine).find() || THREAD.matcher(firstLine).find());
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        TextLines lines = new TextLines(text);
        while (lines.next() && TextLines.isSpaceOrComment(lines.line())) {
            // comments before the header
        }
        String line = lines.line();
        if (THREADZ.matcher(line).find()) {
            while (lines.next()) {
                line = lines.line();
                if (TextLines.isMemoryMapSentinel(line) || line.startsWith("-")) {
                    break;
                }
            }
        }
        LegacyProfile p = new LegacyProfile("thread", "count", 1, heap);
        p.sampleType("thread", "count");
        while (!TextLines.isMemoryMapSentinel(line)) {
            if (line.startsWith("---- no stack trace for")) {
                line = "";
                break;
            }
            if (line.length() > MAX_HEADER || !THREAD.matcher(line).find()) {
                throw new ProfileFormatException("parsing thread profile: line " + lines.number()
                        + " is not \"--- Thread ID (name: NAME/N) stack: ---\"");
            }
            boolean sameAsPrevious = false;
            long[] addresses = new long[0];
            line = "";
            while (lines.next()) {
                line = lines.line().strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("---")) {
                    break;
                }
                if (line.contains("same as previous thread")) {
                    sameAsPrevious = true;
                    continue;
                }
                long[] more = LegacyProfile.hexAddresses(line, lines.number());
                long[] all = java.util.Arrays.copyOf(addresses, addresses.length + more.length);
                System.arraycopy(more, 0, all, addresses.length, more.length);
                addresses = all;
                line = "";
            }
            if (sameAsPrevious || addresses.length == 0) {
                if (!p.profile.samples.isEmpty()) {
                    Sample last = p.profile.samples.get(p.profile.samples.size() - 1);
                    last.values[0]++;
                }
            } else {
                p.add(addresses, LegacyProfile.ADJUST_CALLERS, 1);
            }
            if (line.isEmpty()) {
                break;
            }
        }
        while (!TextLines.isMemoryMapSentinel(lines.line()) && lines.next()) {
            // other sections up to a memory map are ignored, as pprof does
        }
        Profile profile = p.finish(ProcMaps.parse(lines));
        LegacyCpuReader.dropDuplicateLeaves(profile.samples);
        LegacyFrameInfo.apply(profile);
        return profile;
    }
}
