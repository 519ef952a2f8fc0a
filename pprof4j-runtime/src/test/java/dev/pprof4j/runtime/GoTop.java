package dev.pprof4j.runtime;

import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rows of the real {@code go tool pprof -top} for a profile served by pprof4j. */
record GoTop(String output, Map<String, Row> rows) {
    /** One row: flat and cum as printed (e.g. {@code 10000} or {@code 1.20s}) and their percentages. */
    record Row(String flat, double flatPercent, String cum, double cumPercent) {
        long flatCount() {
            return Long.parseLong(flat);
        }

        long cumCount() {
            return Long.parseLong(cum);
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\S+)\\s+([\\d.]+)%\\s+[\\d.]+%\\s+(\\S+)\\s+([\\d.]+)%\\s+(.+?)\\s*$", Pattern.MULTILINE);

    /** Saves {@code gzipped} and runs {@code go tool pprof -top -nodecount=500 -nodefraction=0 EXTRA... file}. */
    static GoTop of(byte[] gzipped, String... extra) {
        try {
            Path file = Files.createTempFile("pprof4j-it", ".pb.gz");
            try {
                Files.write(file, gzipped);
                String[] args = new String[extra.length + 4];
                args[0] = "-top";
                args[1] = "-nodecount=500";
                args[2] = "-nodefraction=0";
                System.arraycopy(extra, 0, args, 3, extra.length);
                args[args.length - 1] = file.toString();
                String output = GoPprof.run(args);
                Map<String, Row> rows = new LinkedHashMap<>();
                Matcher m = ROW.matcher(output);
                while (m.find()) {
                    rows.putIfAbsent(m.group(5), new Row(m.group(1), Double.parseDouble(m.group(2)), m.group(3),
                            Double.parseDouble(m.group(4))));
                }
                return new GoTop(output, rows);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Row row(String function) {
        Row row = rows.get(function);
        if (row == null) {
            throw new AssertionError("go tool pprof -top has no row for " + function + ":\n" + output);
        }
        return row;
    }
}
