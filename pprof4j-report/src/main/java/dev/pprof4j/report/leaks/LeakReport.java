package dev.pprof4j.report.leaks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a leak hunt: what grew as a leak grows ({@link LeakCriteria}), ranked.
 *
 * @param times when each snapshot was taken
 * @param findings the leaks, highest score first
 * @param alsoGrew what grew as well but is explained by a finding, on evidence that names it
 *     ({@link Finding#explainedBy()}): a class that a finding's site allocated, memory the
 *     leaked threads' creator or the leaked threads themselves allocated. Evidence, not leaks
 *     of their own
 * @param measured the measures every snapshot had
 * @param notes what could not be measured and why
 * @param criteria what counted as growth
 */
public record LeakReport(
        List<Instant> times,
        List<Finding> findings,
        List<Finding> alsoGrew,
        Set<Measure> measured,
        List<String> notes,
        LeakCriteria criteria) {

    public LeakReport {
        times = List.copyOf(times);
        findings = List.copyOf(findings);
        alsoGrew = List.copyOf(alsoGrew);
        measured = Set.copyOf(measured);
        notes = List.copyOf(notes);
    }

    public boolean leakFound() {
        return !findings.isEmpty();
    }
}
