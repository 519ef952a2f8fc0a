package dev.pprof4j.report.top;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -raw}: pprof's {@code Profile.String()} dump. Locations and mappings are numbered
 * by their position (ids are an encoding detail here), which is how a freshly merged
 * profile in go tool pprof is numbered too.
 */
public final class RawReport {
    private RawReport() {
    }

    public static void print(Profile p, StringBuilder out) {
        Map<Location, Integer> locationIds = ids(p.locations);
        Map<Mapping, Integer> mappingIds = ids(p.mappings);
        for (String c : p.comments) {
            out.append("Comment: ").append(c).append('\n');
        }
        if (p.periodType != null) {
            out.append("PeriodType: ").append(p.periodType.type()).append(' ').append(p.periodType.unit()).append('\n');
        }
        out.append("Period: ").append(p.period).append('\n');
        if (p.timeNanos != 0) {
            out.append("Time: ").append(goTimeString(p.timeNanos, ZoneId.systemDefault())).append('\n');
        }
        if (p.durationNanos != 0) {
            String d = goDuration(p.durationNanos);
            out.append("Duration: ").append(d, 0, Math.min(4, d.length())).append('\n');
        }
        out.append("Samples:\n");
        StringBuilder types = new StringBuilder();
        for (ValueType t : p.sampleTypes) {
            types.append(t.type()).append('/').append(t.unit())
                    .append(t.type().equals(p.defaultSampleType) ? "[dflt]" : "").append(' ');
        }
        out.append(types.toString().strip()).append('\n');
        for (Sample s : p.samples) {
            for (long v : s.values) {
                out.append(' ').append(String.format("%10d", v));
            }
            out.append(": ");
            for (Location l : s.locations) {
                out.append(locationIds.get(l)).append(' ');
            }
            out.append('\n');
            if (!s.labels.isEmpty()) {
                List<String> ls = new ArrayList<>();
                s.labels.forEach((k, v) -> ls.add(k + ":[" + String.join(" ", v) + "]"));
                Collections.sort(ls);
                out.append("                ").append(String.join(" ", ls)).append('\n');
            }
            if (!s.numLabels.isEmpty()) {
                List<String> ls = new ArrayList<>();
                s.numLabels.forEach((k, v) -> {
                    // Go's decoder keeps only the units that are set; print them when all are
                    List<String> units = new ArrayList<>(s.numUnits.getOrDefault(k, List.of()));
                    units.removeIf(u -> u == null || u.isEmpty());
                    List<String> vs = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) {
                        vs.add(units.size() == v.size() ? v.get(i) + " " + units.get(i) : String.valueOf(v.get(i)));
                    }
                    ls.add(k + ":[" + String.join(" ", vs) + "]");
                });
                Collections.sort(ls);
                out.append("                ").append(String.join(" ", ls)).append('\n');
            }
        }
        out.append("Locations\n");
        for (Location l : p.locations) {
            String locStr = String.format("%6d: %s ", locationIds.get(l), hex(l.address));
            if (l.mapping != null) {
                locStr += "M=" + mappingIds.get(l.mapping) + " ";
            }
            if (l.isFolded) {
                locStr += "[F] ";
            }
            if (l.lines.isEmpty()) {
                out.append(locStr).append('\n');
            }
            for (Line line : l.lines) {
                String lnStr = "??";
                Function fn = line.function();
                if (fn != null) {
                    lnStr = fn.name + " " + fn.filename + ":" + line.line() + " s=" + fn.startLine;
                    if (!fn.name.equals(fn.systemName)) {
                        lnStr += "(" + fn.systemName + ")";
                    }
                }
                out.append(locStr).append(lnStr).append('\n');
                locStr = "             ";
            }
        }
        out.append("Mappings\n");
        for (Mapping m : p.mappings) {
            String bits = (m.hasFunctions ? "[FN]" : "") + (m.hasFilenames ? "[FL]" : "")
                    + (m.hasLineNumbers ? "[LN]" : "") + (m.hasInlineFrames ? "[IN]" : "");
            out.append(mappingIds.get(m)).append(": ").append(hex(m.memoryStart)).append('/')
                    .append(hex(m.memoryLimit)).append('/').append(hex(m.fileOffset)).append(' ')
                    .append(m.file).append(' ').append(m.buildId).append(' ').append(bits).append('\n');
        }
    }

    private static <T> Map<T, Integer> ids(List<T> list) {
        Map<T, Integer> ids = new IdentityHashMap<>();
        for (T t : list) {
            ids.put(t, ids.size() + 1);
        }
        return ids;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    static String goTimeString(long nanos, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .atZone(zone);
        String frac = "";
        if (t.getNano() != 0) {
            frac = String.format(".%09d", t.getNano()).replaceAll("0+$", "");
        }
        int offset = t.getOffset().getTotalSeconds();
        String sign = offset < 0 ? "-" : "+";
        offset = Math.abs(offset);
        String zoneName = java.util.TimeZone.getTimeZone(zone).getDisplayName(
                zone.getRules().isDaylightSavings(t.toInstant()), java.util.TimeZone.SHORT, java.util.Locale.US);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d%s %s%02d%02d %s", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), frac, sign, offset / 3600,
                offset / 60 % 60, zoneName);
    }

    /** Go's {@code time.Duration.String()}, e.g. {@code 1m30.5s}, {@code 250ms}. */
    static String goDuration(long d) {
        return dev.pprof4j.protocol.GoDurations.format(d);
    }
}
