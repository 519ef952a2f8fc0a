package dev.pprof4j.report.gate;

import dev.pprof4j.protocol.JsonReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two JMH result files ({@code -rf json}, JMH 1.37's layout: an array of runs,
 * each with {@code benchmark}, {@code mode}, {@code params}, {@code primaryMetric} and, with
 * {@code -prof gc}, {@code secondaryMetrics."gc.alloc.rate.norm"} in B/op).
 *
 * <p>The primary score is worse when higher, except in throughput mode ({@code thrpt});
 * {@code gc.alloc.rate.norm} is worse when higher, and an increase below one byte per
 * operation is ignored (JMH reports "no allocation" as about 10⁻⁴ B/op, with noise).
 */
public final class JmhGate {
    static final String SCORE = "score";
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhGate() {
    }

    /** One benchmark run's metrics by name ({@value #SCORE} and the secondary ones). */
    record Run(String key, String mode, Map<String, double[]> metrics, Map<String, String> units) {
    }

    public static GateResult compare(String baselineJson, String currentJson, String metric, double maxIncrease)
            throws GateInputException {
        Map<String, Run> baseline = runs(baselineJson, "baseline");
        Map<String, Run> current = runs(currentJson, "current");
        List<String> metrics = metric == null || metric.isEmpty() ? List.of(SCORE, ALLOC_NORM) : List.of(metric);
        List<Comparison> compared = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean metricSeen = false;
        for (Run base : baseline.values()) {
            Run now = current.get(base.key());
            if (now == null) {
                notes.add(base.key() + " is not in the current results");
                continue;
            }
            for (String name : metrics) {
                double[] before = base.metrics().get(name);
                double[] after = now.metrics().get(name);
                if (before == null || after == null) {
                    continue;
                }
                metricSeen = true;
                boolean higherIsWorse = !(name.equals(SCORE) && base.mode().equals("thrpt"));
                double delta = higherIsWorse ? after[0] - before[0] : before[0] - after[0];
                boolean regressed = delta > maxIncrease * Math.abs(before[0])
                        && !(name.equals(ALLOC_NORM) && delta < 1.0);
                compared.add(new Comparison(base.key() + " " + name, base.units().get(name), before[0], after[0],
                        higherIsWorse, regressed));
            }
        }
        if (!metricSeen) {
            throw new GateInputException("no benchmark has " + String.join(" or ", metrics)
                    + " in both files" + (metrics.contains(ALLOC_NORM) ? " (gc.alloc.rate.norm needs -prof gc)" : ""));
        }
        String what = String.format("JMH results (%s), failing when one grows by more than %s",
                String.join(", ", metrics), GateReport.percent(maxIncrease));
        return new GateResult(what, compared, notes);
    }

    /** Runs keyed by benchmark, mode and parameters, e.g. {@code bench.Boxing.boxed avgt size=10}. */
    @SuppressWarnings("unchecked")
    static Map<String, Run> runs(String json, String which) throws GateInputException {
        Object root;
        try {
            root = JsonReader.read(json);
        } catch (IllegalArgumentException e) {
            throw new GateInputException("the " + which + " file is not JSON: " + e.getMessage());
        }
        if (!(root instanceof List<?> list)) {
            throw new GateInputException("the " + which + " file is not a JMH result: expected a JSON array"
                    + " (write one with -rf json)");
        }
        Map<String, Run> runs = new LinkedHashMap<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> run) || !(run.get("benchmark") instanceof String benchmark)
                    || !(run.get("primaryMetric") instanceof Map<?, ?> primary)) {
                throw new GateInputException("the " + which + " file is not a JMH result: an entry lacks"
                        + " benchmark or primaryMetric");
            }
            String mode = run.get("mode") instanceof String m ? m : "";
            StringBuilder key = new StringBuilder(benchmark).append(' ').append(mode);
            if (run.get("params") instanceof Map<?, ?> params) {
                new TreeMap<>((Map<String, Object>) params).forEach((k, v) -> key.append(' ').append(k).append('=').append(v));
            }
            Map<String, double[]> metrics = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            put(metrics, units, SCORE, primary);
            if (run.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                for (Map.Entry<?, ?> e : secondary.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> m) {
                        put(metrics, units, (String) e.getKey(), m);
                    }
                }
            }
            runs.put(key.toString(), new Run(key.toString(), mode, metrics, units));
        }
        return runs;
    }

    private static void put(Map<String, double[]> metrics, Map<String, String> units, String name, Map<?, ?> metric) {
        if (metric.get("score") instanceof Number n && !Double.isNaN(n.doubleValue())) {
            metrics.put(name, new double[] {n.doubleValue()});
            units.put(name, metric.get("scoreUnit") instanceof String u ? u : "");
        }
    }
}
