package dev.pprof4j.report.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;

/**
 * {@code pprof4j gate}: compares a baseline with a current result, both pprof profiles or
 * both JMH JSON files, and says whether a metric regressed past the threshold.
 */
public final class Gate {
    /** JMH result files of real suites are kilobytes to a few megabytes. */
    static final long MAX_JSON_BYTES = 64L << 20;

    private Gate() {
    }

    public static GateResult compare(Path baseline, Path current, String sampleIndex, double maxIncrease)
            throws GateInputException {
        boolean baseJson = isJson(baseline);
        boolean currentJson = isJson(current);
        if (baseJson != currentJson) {
            throw new GateInputException("cannot compare " + (baseJson ? baseline : current)
                    + " (JMH JSON) with " + (baseJson ? current : baseline)
                    + " (not JSON, so read as a pprof profile); give two of a kind");
        }
        if (baseJson) {
            return JmhGate.compare(readJson(baseline), readJson(current), sampleIndex, maxIncrease);
        }
        return ProfileGate.compare(decode(baseline), decode(current), sampleIndex, maxIncrease);
    }

    /** {@code "5%"} as 0.05; a bare number is refused, since 5 and 0.05 would both be guesses. */
    public static double parseMaxIncrease(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            try {
                double percent = Double.parseDouble(t.substring(0, t.length() - 1));
                if (percent >= 0 && Double.isFinite(percent)) {
                    return percent / 100;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("--max-increase " + text + ": write a non-negative percentage such as 5%");
    }

    private static boolean isJson(Path file) throws GateInputException {
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b == '[' || b == '{';
        } catch (NoSuchFileException e) {
            throw new GateInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new GateInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static String readJson(Path file) throws GateInputException {
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw new GateInputException(file + ": larger than " + (MAX_JSON_BYTES >> 20)
                        + " MiB; is it a JMH result file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (GateInputException e) {
            throw e;
        } catch (IOException e) {
            throw new GateInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static Profile decode(Path file) throws GateInputException {
        try {
            return new ProfileDecoder().decode(file);
        } catch (IOException e) {
            throw new GateInputException(file + ": " + e.getMessage(), e);
        }
    }
}
