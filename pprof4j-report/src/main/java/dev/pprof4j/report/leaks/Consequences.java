package dev.pprof4j.report.leaks;

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
     * Why a class that grew is a finding's, if it is: a live-heap finding's site allocated
     * that class, or the class's reference chain passes through a finding's own code.
     *
     * @param siteClasses the classes each allocating method made, by {@link Frame#methodKey()}
     */
    static Optional<String> ofHeap(Finding heapClass, List<Finding> named, Map<String, Set<String>> siteClasses) {
        for (Finding f : named) {
            if (f.kind() != FindingKind.LIVE_HEAP) {
                continue;
            }
            String method = f.stack().applicationFrame().map(Frame::methodKey).orElse("");
            if (siteClasses.getOrDefault(method, Set.of()).contains(heapClass.site())) {
                return Optional.of("allocated at the site of live heap: " + f.site());
            }
        }
        if (heapClass.heldBy().isPresent()) {
            for (Finding f : named) {
                for (String owner : ChainLookup.applicationClasses(f.stack())) {
                    if (ChainLookup.passesThrough(heapClass.heldBy().get(), owner)) {
                        return Optional.of("held through " + owner + " (" + f.kind().label() + ": " + f.site() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
