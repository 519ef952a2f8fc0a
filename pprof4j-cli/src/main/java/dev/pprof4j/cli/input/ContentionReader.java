package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;

/**
 * Contention profiles as text: gperftools' {@code --- contentionz 1 ---} and Go's
 * {@code block?debug=1} and {@code mutex?debug=1} ({@code --- contention:},
 * {@code --- mutex:}). Attributes ({@code cycles/second=}, {@code sampling period=},
 * {@code ms since reset=}) come first, then {@code cycles count @ pc...} per stack, Go's with
 * {@code #} lines naming the frames ({@link GoSymbols}). Cycles become nanoseconds through
 * {@code cycles/second}, and both values are multiplied by the sampling period, as pprof does.
 */
final class ContentionReader {
    private ContentionReader() {
    }

    static boolean sniff(String firstLine) {
        return firstLine.startsWith("--- contentionz ") || firstLine.startsWith("--- mutex:")
                || firstLine.startsWith("--- contention:");
    }

    /** The profile, or null when the attributes say it is a Java one ({@link JavaLegacyReader}). */
    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        TextLines lines = new TextLines(text);
        lines.next();
        LegacyProfile p = new LegacyProfile("contentions", "count", 1, heap);
        p.sampleType("contentions", "count");
        p.sampleType("delay", "nanoseconds");
        long cyclesPerSecond = 0;
        while (lines.next()) {
            String line = lines.line().strip();
            if (TextLines.isSpaceOrComment(line)) {
                continue;
            }
            if (line.startsWith("---")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = line.substring(0, eq).strip();
            if (key.equals("format") || key.equals("resolution")) {
                return null; // Google's Java contention profile, under the same first line
            }
            long value = number(line.substring(eq + 1).strip(), lines);
            switch (key) {
                case "cycles/second" -> cyclesPerSecond = value;
                case "sampling period" -> p.profile.period = value;
                case "ms since reset" -> p.profile.durationNanos = value * 1_000_000;
                case "discarded samples" -> { }
                default -> throw new ProfileFormatException("parsing contention profile: line " + lines.number()
                        + ": unknown attribute " + key);
            }
        }
        GoSymbols symbols = new GoSymbols();
        do {
            String line = lines.line().strip();
            if (line.startsWith("---")) {
                break;
            }
            if (symbols.offer(line) || TextLines.isSpaceOrComment(line)) {
                continue;
            }
            int at = line.indexOf(" @");
            String[] numbers = at < 0 ? new String[0] : line.substring(0, at).strip().split(" +");
            if (numbers.length != 2) {
                throw new ProfileFormatException("parsing contention profile: line " + lines.number()
                        + " is not \"cycles count @ addresses\"");
            }
            long cycles = number(numbers[0], lines);
            long count = number(numbers[1], lines);
            long period = p.profile.period;
            if (period > 0) {
                if (cyclesPerSecond > 0) {
                    cycles = (long) ((double) cycles * period / (cyclesPerSecond / 1e9));
                }
                count *= period;
            }
            p.add(LegacyProfile.hexAddresses(line.substring(at + 2), lines.number()), LegacyProfile.ADJUST_ALL,
                    count, cycles);
        } while (lines.next());
        return p.finish(symbols, lines);
    }

    private static long number(String text, TextLines lines) throws ProfileFormatException {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            throw new ProfileFormatException("parsing contention profile: line " + lines.number() + ": " + text
                    + " is not a number");
        }
    }

}
