package dev.pprof4j.report.gate;

import java.util.List;

/**
 * What the gate compared and found.
 *
 * @param what one line naming the inputs' kind, the metric and the threshold
 * @param compared every comparison made, totals first
 * @param notes things worth saying that do not fail the gate (a benchmark missing from the current run)
 */
public record GateResult(String what, List<Comparison> compared, List<String> notes) {
    public GateResult {
        compared = List.copyOf(compared);
        notes = List.copyOf(notes);
    }

    public boolean regressed() {
        return compared.stream().anyMatch(Comparison::regressed);
    }

    public List<Comparison> regressions() {
        return compared.stream().filter(Comparison::regressed).toList();
    }
}
