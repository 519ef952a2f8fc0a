package dev.pprof4j.report.top;

import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.GraphSource;
import dev.pprof4j.report.graph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The routines of an annotated source listing: per function matching a regex and per file it
 * has lines in, each line's flat and cum value and the window of source shown around them, as
 * go tool pprof's {@code printSource} chooses it (a profile aggregated to lines). {@code -list}
 * prints them as text ({@link ListReport}), {@code -weblist} and the web UI's source view as
 * HTML ({@link WebListReport}): the numbers of both come from here.
 */
public final class SourceListing {
    /** Lines shown before the first and after the last line with samples. */
    private static final int MARGIN = 5;

    private SourceListing() {
    }

    /** One source line: its number, its text ({@code null} when the file could not be read), its values. */
    public record SourceLine(long lineno, String text, long flat, long cum) {
    }

    /**
     * One function in one file: its sums, and either the lines of the window (when the file was
     * read) or {@code error}, in go tool pprof's words; {@code values} holds every line with
     * samples (line number to {flat, cum}) either way.
     */
    public record Routine(String function, String file, long flat, long cum, String error, List<SourceLine> lines,
            Map<Long, long[]> values) {
    }

    /**
     * The routines of the functions matching {@code symbol}, ordered as {@code -list} prints them
     * (by function name, then file). A function without file names gives a routine with an empty
     * {@code file}.
     *
     * @throws IllegalArgumentException when no function matches, in go tool pprof's words
     */
    public static List<Routine> of(Report rpt, Pattern symbol, SourceLines reader) {
        Graph g = GraphSource.of(rpt.profile).build(rpt.sampleIndex, rpt.meanDivisor, null, true)
                .withoutNegative(rpt.config.dropNegative);
        // the matching functions' nodes, by function, in the graph's order
        Map<String, List<Node>> byFunction = new LinkedHashMap<>();
        for (Node n : g.nodes) {
            if (symbol.matcher(n.info.name()).find()) {
                byFunction.computeIfAbsent(n.info.name(), k -> new ArrayList<>()).add(n);
            }
        }
        if (byFunction.isEmpty()) {
            throw new IllegalArgumentException("no matches found for regexp: " + symbol.pattern());
        }
        List<Node> functions = new ArrayList<>();
        byFunction.values().forEach(nodes -> functions.add(nodes.get(0)));
        functions.sort(Comparator.comparing((Node n) -> n.info.name()).thenComparing(n -> n.info.goString()));
        List<Routine> routines = new ArrayList<>();
        for (Node fn : functions) {
            String name = fn.info.name();
            Map<String, List<Node>> byFile = new LinkedHashMap<>();
            for (Node n : byFunction.get(name)) {
                if (!n.info.file().isEmpty()) {
                    byFile.computeIfAbsent(n.info.file(), k -> new ArrayList<>()).add(n);
                }
            }
            if (byFile.isEmpty()) {
                routines.add(new Routine(name, "", 0, 0, null, List.of(), Map.of()));
                continue;
            }
            List<Node> files = new ArrayList<>();
            byFile.values().forEach(nodes -> files.add(nodes.get(0)));
            files.sort(Comparator.comparing((Node n) -> n.info.file()).thenComparingLong(n -> n.info.startLine())
                    .thenComparing(n -> n.info.goString()));
            for (Node f : files) {
                String file = f.info.file();
                List<Node> nodes = byFile.get(file);
                long flatSum = 0;
                long cumSum = 0;
                Map<Long, long[]> values = new TreeMap<>();
                for (Node n : nodes) {
                    flatSum += n.flat;
                    cumSum += n.cum;
                    long[] v = values.computeIfAbsent(n.info.lineno(), k -> new long[2]);
                    v[0] += n.flat;
                    v[1] += n.cum;
                }
                List<SourceLine> lines = window(file, name, reader, nodes, values);
                routines.add(new Routine(name, file, flatSum, cumSum, reader.error(file, name), lines, values));
            }
        }
        return routines;
    }

    /** The window's lines of {@code file} (pprof's getSourceFromFile, margins and all). */
    private static List<SourceLine> window(String file, String function, SourceLines reader, List<Node> nodes,
            Map<Long, long[]> values) {
        Node first = nodes.get(0);
        long start = first.info.startLine() != 0 ? first.info.startLine() : first.info.lineno() - MARGIN;
        long end = first.info.lineno() + MARGIN;
        for (Node n : nodes) {
            long lineno = n.info.lineno();
            long nodeStart = n.info.startLine() != 0 ? n.info.startLine() : lineno - MARGIN;
            long nodeEnd = lineno + MARGIN;
            // pprof widens the window at one end per node, never both: kept for the same lines
            if (nodeStart < start) {
                start = nodeStart;
            } else if (nodeEnd > end) {
                end = nodeEnd;
            }
        }
        start = Math.max(start, 1);
        List<SourceLine> lines = new ArrayList<>();
        for (long lineno = start; lineno <= end; lineno++) {
            String text = reader.line(file, function, lineno);
            if (text == null) {
                break;
            }
            long[] v = values.getOrDefault(lineno, new long[2]);
            lines.add(new SourceLine(lineno, text, v[0], v[1]));
        }
        return lines;
    }
}
