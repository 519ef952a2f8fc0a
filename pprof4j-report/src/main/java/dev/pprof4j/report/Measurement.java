package dev.pprof4j.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Units of sample values and their formatting, as pprof's {@code internal/measurement}
 * defines them: bytes scale by 1024 (B, kB, MB, GB, TB, PB), time by SI steps up to hours
 * ("hrs"), and anything else (count, objects, goroutines) prints as a bare number.
 */
public final class Measurement {
    private Measurement() {
    }

    /** A value in a unit: {@code unit} is empty when not worth printing (counts). */
    public record Scaled(double value, String unit) {
    }

    private record Unit(String canonicalName, List<String> aliases, double factor) {
    }

    private record UnitType(Unit defaultUnit, List<Unit> units) {
        Unit findByAlias(String alias) {
            for (Unit u : units) {
                if (u.aliases.contains(alias)) {
                    return u;
                }
            }
            return null;
        }

        Unit sniff(String unit) {
            String u = unit.toLowerCase(Locale.ROOT);
            // pprof trims a plural "s" only when the unit is longer than two bytes of UTF-8,
            // so "μs" (3 bytes) loses its "s" and matches nothing: reproduced on purpose.
            if (u.getBytes(StandardCharsets.UTF_8).length > 2 && u.endsWith("s")) {
                u = u.substring(0, u.length() - 1);
            }
            return findByAlias(u);
        }

        Scaled autoScale(double value) {
            double f = 0;
            String name = "";
            for (Unit u : units) {
                if (u.factor >= f && value / u.factor >= 1.0) {
                    f = u.factor;
                    name = u.canonicalName;
                }
            }
            return f == 0 ? null : new Scaled(value / f, name);
        }

        Scaled convert(long value, String fromUnit, String toUnit) {
            Unit from = sniff(fromUnit);
            if (from == null) {
                return null;
            }
            double v = (double) value * from.factor;
            if (toUnit.equals("minimum") || toUnit.equals("auto")) {
                Scaled s = autoScale(v);
                return s != null ? s : new Scaled(v / defaultUnit.factor, defaultUnit.canonicalName);
            }
            Unit to = sniff(toUnit);
            if (to == null) {
                return new Scaled(v / defaultUnit.factor, defaultUnit.canonicalName);
            }
            return new Scaled(v / to.factor, to.canonicalName);
        }
    }

    private static final double NS = 1, US = 1e3, MS = 1e6, S = 1e9, HOUR = 3600e9;

    private static final List<UnitType> UNIT_TYPES = List.of(
            new UnitType(new Unit("B", List.of("b", "byte"), 1), List.of(
                    new Unit("B", List.of("b", "byte"), 1),
                    new Unit("kB", List.of("kb", "kbyte", "kilobyte"), 1L << 10),
                    new Unit("MB", List.of("mb", "mbyte", "megabyte"), 1L << 20),
                    new Unit("GB", List.of("gb", "gbyte", "gigabyte"), 1L << 30),
                    new Unit("TB", List.of("tb", "tbyte", "terabyte"), 1L << 40),
                    new Unit("PB", List.of("pb", "pbyte", "petabyte"), 1L << 50))),
            new UnitType(new Unit("s", List.of(), S), List.of(
                    new Unit("ns", List.of("ns", "nanosecond"), NS),
                    new Unit("us", List.of("μs", "us", "microsecond"), US),
                    new Unit("ms", List.of("ms", "millisecond"), MS),
                    new Unit("s", List.of("s", "sec", "second"), S),
                    new Unit("hrs", List.of("hour", "hr"), HOUR))),
            new UnitType(new Unit("GCU", List.of(), 1), List.of(
                    new Unit("n*GCU", List.of("nanogcu"), 1e-9),
                    new Unit("u*GCU", List.of("microgcu"), 1e-6),
                    new Unit("m*GCU", List.of("milligcu"), 1e-3),
                    new Unit("GCU", List.of("gcu"), 1),
                    new Unit("k*GCU", List.of("kilogcu"), 1e3),
                    new Unit("M*GCU", List.of("megagcu"), 1e6),
                    new Unit("G*GCU", List.of("gigagcu"), 1e9),
                    new Unit("T*GCU", List.of("teragcu"), 1e12),
                    new Unit("P*GCU", List.of("petagcu"), 1e15))));

    /**
     * Converts {@code value} from {@code fromUnit} to {@code toUnit}; {@code "minimum"} and
     * {@code "auto"} pick the largest unit the value is at least one of.
     */
    public static Scaled scale(long value, String fromUnit, String toUnit) {
        if (value < 0 && -value > 0) {
            Scaled s = scale(-value, fromUnit, toUnit);
            return new Scaled(-s.value, s.unit);
        }
        for (UnitType ut : UNIT_TYPES) {
            Scaled s = ut.convert(value, fromUnit, toUnit);
            if (s != null) {
                return s;
            }
        }
        return switch (toUnit) {
            case "count", "sample", "unit", "minimum", "auto" -> new Scaled(value, "");
            default -> new Scaled(value, toUnit);
        };
    }

    /** The value with the most natural unit, e.g. {@code 1.50MB}. */
    public static String label(long value, String unit) {
        return scaledLabel(value, unit, "auto");
    }

    /** The value in {@code toUnit} with two decimals, ".00" dropped, e.g. {@code 12.34ms}. */
    public static String scaledLabel(long value, String fromUnit, String toUnit) {
        Scaled s = scale(value, fromUnit, toUnit);
        String sv = GoNumbers.fixed2(s.value);
        if (sv.endsWith(".00")) {
            sv = sv.substring(0, sv.length() - 3);
        }
        if (sv.equals("0") || sv.equals("-0")) {
            return "0";
        }
        return sv + s.unit;
    }

    /** {@code value} as a percentage of {@code total}, six characters wide, e.g. {@code 12.50%}. */
    public static String percentage(long value, long total) {
        double ratio = 0;
        if (total != 0) {
            ratio = Math.abs((double) value / (double) total) * 100;
        }
        if (ratio >= 99.95 && ratio <= 100.05) {
            return "  100%";
        }
        if (ratio >= 1.0) {
            return GoNumbers.padLeft(GoNumbers.fixed2(ratio), 5) + "%";
        }
        return GoNumbers.padLeft(GoNumbers.general2(ratio), 5) + "%";
    }

    /** Whether two units measure the same kind of thing (bytes, time, ...) or are equal. */
    public static boolean compatibleUnits(String u1, String u2) {
        if (u1.equals(u2)) {
            return true;
        }
        for (UnitType ut : UNIT_TYPES) {
            if (ut.sniff(u1) != null && ut.sniff(u2) != null) {
                return true;
            }
        }
        return false;
    }
}
