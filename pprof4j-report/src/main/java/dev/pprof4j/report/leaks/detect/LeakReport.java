package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Measure;
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
 * @param unexplained heap by class that grew as a leak grows while the live-heap sampler saw no
 *     application site grow that made it, and no finding explains it: the agent's own buffers,
 *     the JDK's, or what the sampler missed. Shown, not counted as a leak
 * @param measured the measures every snapshot had
 * @param notes what could not be measured and why
 * @param criteria what counted as growth
 */
public record LeakReport(
        List<Instant> times,
        List<Finding> findings,
        List<Finding> alsoGrew,
        List<Finding> unexplained,
        Set<Measure> measured,
        List<String> notes,
        LeakCriteria criteria) {

    public LeakReport {
        times = List.copyOf(times);
        findings = List.copyOf(findings);
        alsoGrew = List.copyOf(alsoGrew);
        unexplained = List.copyOf(unexplained);
        measured = Set.copyOf(measured);
        notes = List.copyOf(notes);
    }

    public boolean leakFound() {
        return !findings.isEmpty();
    }
}
