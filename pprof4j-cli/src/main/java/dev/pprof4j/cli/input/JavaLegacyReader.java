package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's legacy Java profiles: the text heap ({@code --- heapz 1 ---}) and contention
 * ({@code --- contentionz 1 ---}) profiles, and the frame names that follow the samples of
 * these and of the binary Java CPU profile ({@code 0x<id> function (File.java:line)}).
 * A sample's numbers come value-first ({@code value count @ ids}), the other way round
 * from the C++ formats.
 */
final class JavaLegacyReader {
    /** Google's Java heap sampler took one sample every 512 KiB on average. */
    private static final long HEAPZ_SAMPLING_RATE = 524288;

    private JavaLegacyReader() {
    }

    static boolean sniff(String firstLine) {
        String h = firstLine.strip();
        return h.equals("--- heapz 1 ---") || h.equals("--- contentionz 1 ---");
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        TextLines lines = new TextLines(text);
        lines.next();
        boolean heapz = lines.line().strip().equals("--- heapz 1 ---");
        LegacyProfile p = new LegacyProfile("", "", 0, heap);
        Profile profile = p.profile;
        // The attributes, "name = value", until the first line that is none.
        while (lines.next()) {
            String line = lines.line().strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !isAttributeWord(line.substring(0, eq)) || !isAttributeWord(line.substring(eq + 1))) {
                break;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch ((heapz ? "heap/" : "contention/") + name) {
                case "heap/format", "contention/format" -> {
                    if (!value.equals("java")) {
                        throw new ProfileFormatException("parsing Java profile: format = " + value + ", not java");
                    }
                }
                case "heap/resolution" -> {
                    profile.sampleTypes.clear();
                    profile.sampleTypes.add(new ValueType("inuse_objects", "count"));
                    profile.sampleTypes.add(new ValueType("inuse_space", value));
                }
                case "contention/resolution" -> {
                    profile.sampleTypes.clear();
                    profile.sampleTypes.add(new ValueType("contentions", "count"));
                    profile.sampleTypes.add(new ValueType("delay", value));
                }
                case "contention/sampling period" -> {
                    profile.periodType = new ValueType("contentions", "count");
                    profile.period = number(value, lines);
                }
                case "contention/ms since reset" -> profile.durationNanos = number(value, lines) * 1_000_000;
                default -> throw new ProfileFormatException("parsing Java profile: line " + lines.number()
                        + ": unknown attribute " + name);
            }
        }
        if (profile.sampleTypes.isEmpty()) {
            throw new ProfileFormatException("parsing Java profile: no \"resolution = unit\" line, so no sample types");
        }
        // The samples, "value count @ id id ...", until the first line that is none.
        do {
            String line = lines.line().strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" +@ +", 2);
            String[] numbers = f[0].strip().split(" +");
            if (f.length < 2 || numbers.length != 2 || !isDigits(numbers[0]) || !isDigits(numbers[1])) {
                break;
            }
            long[] ids = LegacyProfile.hexAddresses(f[1], lines.number());
            long count = number(numbers[1], lines);
            long value = number(numbers[0], lines);
            Sample s = p.add(ids, LegacyProfile.ADJUST_NONE, count, value);
            if (heapz) {
                if (count == 0) {
                    throw new ProfileFormatException("parsing Java profile: line " + lines.number()
                            + ": a heap sample's count must be non-zero");
                }
                s.addNumLabel("bytes", value / count, "");
                long[] scaled = LegacyHeapReader.scale(count, value, HEAPZ_SAMPLING_RATE);
                s.values[0] = scaled[0];
                s.values[1] = scaled[1];
            } else if (profile.period != 0) {
                s.values[0] *= profile.period;
                s.values[1] *= profile.period;
            }
        } while (lines.next());
        return symbolize(p, lines);
    }

    /**
     * Names the frames from the lines {@code 0x<id> function (File.java:line)} (or a library
     * path, or a bare name such as {@code GC} or {@code VM}) and drops the ids, which only
     * tie samples to names.
     */
    static Profile symbolize(LegacyProfile p, TextLines lines) {
        Map<Long, Location> byId = new HashMap<>();
        for (Location l : p.profile.locations) {
            byId.put(l.address, l);
        }
        Map<String, Function> functions = new HashMap<>();
        do {
            String line = lines.line().strip();
            if (!line.startsWith("0x")) {
                continue;
            }
            int end = 2;
            while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
                end++;
            }
            if (end == 2 || end - 2 > 16 || end == line.length() || !Character.isWhitespace(line.charAt(end))) {
                continue;
            }
            Location loc = byId.get(Long.parseUnsignedLong(line, 2, end, 16));
            if (loc == null) {
                continue;
            }
            Frame frame = frame(line.substring(end).strip());
            Function fn = functions.computeIfAbsent(frame.name, n -> new Function(n, frame.file));
            loc.lines.clear();
            loc.lines.add(new Line(fn, frame.line));
            loc.address = 0;
        } while (lines.next());
        Profile profile = p.finish(List.of());
        LegacyFrameInfo.apply(profile);
        return profile;
    }

    private record Frame(String name, String file, long line) {
    }

    /** {@code function (File.java:12)}, {@code function (/lib/x.so)}, a JIT stub, or a bare name. */
    private static Frame frame(String text) {
        if (text.endsWith(")")) {
            int colon = text.lastIndexOf(':');
            int open = text.lastIndexOf('(', colon - 2);
            String number = colon < 0 ? "" : text.substring(colon + 1, text.length() - 1);
            if (colon > 0 && open > 0 && Character.isWhitespace(text.charAt(open - 1)) && isLineNumber(number)) {
                long n = number.length() > 18 ? 0 : Long.parseLong(number);
                return new Frame(text.substring(0, open - 1), text.substring(open + 1, colon), Math.max(n, 0));
            }
            open = text.lastIndexOf('(');
            if (open > 0 && Character.isWhitespace(text.charAt(open - 1))) {
                String path = text.substring(open + 1, text.length() - 1);
                return new Frame(text.substring(0, open - 1), path.substring(path.lastIndexOf('/') + 1), 0);
            }
        }
        if (text.contains("generated stub/JIT")) {
            return new Frame("STUB", "", 0);
        }
        return new Frame(text, "", 0);
    }

    private static boolean isLineNumber(String s) {
        String digits = s.startsWith("-") ? s.substring(1) : s;
        return !digits.isEmpty() && isDigits(digits);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isAttributeWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == ' ')) {
                return false;
            }
        }
        return !s.isBlank();
    }

    private static long number(String value, TextLines lines) throws ProfileFormatException {
        try {
            return Long.decode(value);
        } catch (NumberFormatException e) {
            throw new ProfileFormatException("parsing Java profile: line " + lines.number() + ": " + value
                    + " is not a number");
        }
    }
}
