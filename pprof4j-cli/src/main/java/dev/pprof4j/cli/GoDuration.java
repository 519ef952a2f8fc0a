package dev.pprof4j.cli;

import dev.pprof4j.protocol.GoDurations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Go's duration syntax for the command line's options ({@code --interval 5s}, {@code --since 10m}),
 * read by the same parser as the agent's {@code since=} and {@code history=} so that a value
 * means the same on both sides; surrounding spaces are forgiven here, a negative value is not
 * (no option of ours takes one).
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a one-line reason */
    public static Duration parse(String text) {
        Duration d = GoDurations.parse(text == null ? null : text.strip());
        if (d.isNegative()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": must not be negative");
        }
        return d;
    }

    /** For picocli options: {@code @Option(converter = GoDuration.Converter.class)}. */
    public static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
