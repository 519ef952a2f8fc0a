package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Stack;
import java.util.List;
import java.util.Optional;

/**
 * One thing that grew as a leak grows (see {@link LeakCriteria}), with its evidence.
 *
 * @param site what a person would name: the method that started the threads or allocated the
 *     memory ({@code OrderHandler.handle (OrderHandler.java:42)}), or the class
 * @param values the measure at each snapshot (threads or bytes)
 * @param objects live objects at each snapshot for heap findings, else empty
 * @param stack the creating stack (threads) or allocating stack (heap), innermost first
 * @param waitingIn for threads, the stack most of them sit in now; else {@link Stack#UNKNOWN}
 * @param heldBy the reference chain from a GC root, where known
 * @param hint the usual fix, chosen from the evidence
 * @param score the ranking key: growth over the judged rounds relative to where it started
 * @param trend how the rounds were judged and how sure the verdict is
 * @param explainedBy for what also grew, the evidence that ties it to a finding (naming it);
 *     empty for a finding of its own
 */
public record Finding(
        FindingKind kind,
        String site,
        long[] values,
        long[] objects,
        Stack stack,
        Stack waitingIn,
        Optional<ReferenceChain> heldBy,
        FixHint hint,
        double score,
        Trend trend,
        String explainedBy) {

    /** This growth as evidence for a finding, with the reason that names it. */
    public Finding asEvidence(String reason) {
        return new Finding(kind, site, values, objects, stack, waitingIn, heldBy, hint, score, trend, reason);
    }

    public long growth() {
        return values[values.length - 1] - values[0];
    }

    public List<Frame> evidenceFrames(int max) {
        return stack.top(max);
    }
}
