package dev.pprof4j.report.top;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code -list RE}: the source of each function matching RE, every line with its flat and cum
 * value, as go tool pprof's {@code printSource} prints it (a profile aggregated to lines).
 * Sources are found by {@link SourceReader}; a file that is not found is reported in the
 * listing, as Go does, and the other functions are still listed.
 */
public final class ListReport {
    /** Lines shown before the first and after the last line with samples. */
    private static final int MARGIN = 5;

    private ListReport() {
    }

    /**
     * @throws IllegalArgumentException when no function matches, in go tool pprof's words
     */
    public static void print(Report rpt, Pattern symbol, StringBuilder out) {
        Graph g = dev.pprof4j.report.graph.GraphSource.of(rpt.profile).build(rpt.sampleIndex, rpt.meanDivisor, null, true).withoutNegative(rpt.config.dropNegative);
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
        SourceReader reader = new SourceReader(rpt.config.sourcePath, rpt.config.trimPath);
        out.append("Total: ").append(rpt.formatValue(rpt.total)).append('\n');
        for (Node fn : functions) {
            String name = fn.info.name();
            Map<String, List<Node>> byFile = new LinkedHashMap<>();
            for (Node n : byFunction.get(name)) {
                if (!n.info.file().isEmpty()) {
                    byFile.computeIfAbsent(n.info.file(), k -> new ArrayList<>()).add(n);
                }
            }
            if (byFile.isEmpty()) {
                out.append("No source information for ").append(name).append('\n');
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
                for (Node n : nodes) {
                    flatSum += n.flat;
                    cumSum += n.cum;
                }
                List<String> lines = source(file, reader, nodes, rpt);
                out.append("ROUTINE ======================== ").append(name).append(" in ").append(file).append('\n');
                out.append(String.format("%10s %10s (flat, cum) %s of Total%n", rpt.formatValue(flatSum),
                        rpt.formatValue(cumSum), Measurement.percentage(cumSum, rpt.total)).replace(System.lineSeparator(), "\n"));
                if (reader.error(file) != null) {
                    out.append(" Error: ").append(reader.error(file)).append('\n');
                    continue;
                }
                lines.forEach(l -> out.append(l).append('\n'));
            }
        }
    }

    /** The listing's lines of {@code file} (pprof's getSourceFromFile, margins and all). */
    private static List<String> source(String file, SourceReader reader, List<Node> nodes, Report rpt) {
        Node first = nodes.get(0);
        long start = first.info.startLine() != 0 ? first.info.startLine() : first.info.lineno() - MARGIN;
        long end = first.info.lineno() + MARGIN;
        Map<Long, long[]> values = new LinkedHashMap<>();
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
            long[] v = values.computeIfAbsent(lineno, k -> new long[2]);
            v[0] += n.flat;
            v[1] += n.cum;
        }
        start = Math.max(start, 1);
        List<String> lines = new ArrayList<>();
        for (long lineno = start; lineno <= end; lineno++) {
            String text = reader.line(file, lineno);
            if (text == null) {
                break;
            }
            long[] v = values.getOrDefault(lineno, new long[2]);
            lines.add(String.format("%10s %10s %6d:%s", valueOrDot(v[0], rpt), valueOrDot(v[1], rpt), lineno, text));
        }
        return lines;
    }

    private static String valueOrDot(long v, Report rpt) {
        return v == 0 ? "." : rpt.formatValue(v);
    }
}
