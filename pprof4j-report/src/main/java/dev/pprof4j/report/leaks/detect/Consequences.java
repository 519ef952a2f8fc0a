package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What grew only because a finding grew, on evidence that names that finding. Without such
 * evidence growth is reported on its own: a heap that grew beside a thread leak is not the
 * thread leak's by being there at the same time (a static collection that no finding names
 * must be found, not filed away under the threads).
 */
final class Consequences {
    private Consequences() {
    }

    /**
     * Why a live-heap {@code site} is the thread leak's doing, if it is: the memory was
     * allocated by the code that started the leaked threads (a queue, a buffer made for each),
     * or by the leaked threads themselves, in a method on the stack they wait in (a Go
     * producer's buffer, blocked with it on a channel send). Go's goroutine structures are
     * allocated under the {@code go} statement that started them, so they are the first case.
     */
    static Optional<String> ofThreads(Finding site, List<Finding> threads) {
        Optional<Frame> allocating = site.stack().applicationFrame();
        if (allocating.isEmpty()) {
            return Optional.empty();
        }
        String method = allocating.get().methodKey();
        for (Finding t : threads) {
            if (t.stack().applicationFrame().map(f -> f.methodKey().equals(method)).orElse(false)) {
                return Optional.of("allocated by " + method + ", which started the leaked threads (threads: "
                        + t.site() + ")");
            }
            for (Frame f : t.waitingIn().frames()) {
                if (!f.isPlatform() && f.methodKey().equals(method)) {
                    return Optional.of("allocated in " + method + " on the leaked threads' own stack (threads: "
                            + t.site() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why a class that grew is a finding's, if it is: live-heap findings' sites allocated
     * that class and grew by half of what it grew at least, or the class's reference chain
     * passes through a finding's own code and holds half of what it grew.
     *
     * @param siteClasses the classes each allocating method made, by {@link Frame#methodKey()}
     */
    static Optional<String> ofHeap(Finding heapClass, List<Finding> named, Map<String, Set<String>> siteClasses) {
        // Growth is explained only by findings that account for it: sites that allocated the
        // class and grew by half of what the class grew at least, together.
        long grew = heapClass.growth();
        long accounted = 0;
        List<String> sites = new java.util.ArrayList<>();
        for (Finding f : named) {
            if (f.kind() != FindingKind.LIVE_HEAP) {
                continue;
            }
            String method = f.stack().applicationFrame().map(Frame::methodKey).orElse("");
            if (siteClasses.getOrDefault(method, Set.of()).contains(heapClass.site())) {
                accounted += Math.max(0, f.growth());
                sites.add(f.site());
            }
        }
        if (!sites.isEmpty() && 2 * accounted >= grew) {
            return Optional.of("allocated at the site of live heap: " + String.join(", ", sites));
        }
        // A chain through a finding's code explains the class when that chain holds half of what grew.
        if (heapClass.heldBy().isPresent() && 2 * heapClass.heldBy().get().bytes() >= grew) {
            for (Finding f : named) {
                // The finding's own classes, nested ones as they are: a chain through one
                // controller of a service is not through its sibling's (LeakyShop$Upload… and
                // LeakyShop$Reminder… share only their enclosing class).
                for (String owner : ownClasses(f.stack())) {
                    if (ChainLookup.passesThrough(heapClass.heldBy().get(), owner)) {
                        return Optional.of("held through " + owner + " (" + f.kind().label() + ": " + f.site() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The class of the code a finding names (the allocating or thread-starting frame), nested
     * classes kept apart from their enclosing one; not the framework frames that called it.
     */
    private static List<String> ownClasses(Stack stack) {
        return stack.applicationFrame().filter(f -> !f.isPlatform() && !f.className().isEmpty())
                .map(f -> List.of(f.className())).orElse(List.of());
    }
}
