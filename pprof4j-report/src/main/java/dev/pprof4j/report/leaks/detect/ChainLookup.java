package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.RetainerSource;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Fetches "who holds it" for the heap findings of a hunt, once, after its rounds: the
 * reference chain from a GC root to what grew ({@code static SessionRegistry.SESSIONS →
 * HashMap.table → HashMap$Node[] → HashMap$Node.value → long[]}).
 *
 * <p>A walk stops the world, so the lookup is bounded (three walks, a time budget for all of
 * them). A live-heap site is asked about by site ({@code heap/retainers?site=}): the walk's
 * targets are the heap sampler's own live samples of that site, so its chains are that
 * site's. Where the agent can't answer by site, the class is asked about, and a chain is
 * credited to a finding only on evidence: one that passes through the class that allocated
 * (its static field, its instance, its inner class), or else the class's largest chain when
 * that one path holds at least half of what grew. Otherwise the finding says nothing about
 * who holds it, rather than naming the JDK's own tables.
 */
public final class ChainLookup {
    /** Heap walks at most (each stops the application): by site for sites, by class otherwise. */
    public static final int MAX_CLASSES = 3;
    /** Time for all the walks together. */
    public static final Duration BUDGET = Duration.ofSeconds(45);

    private final RetainerSource source;
    private final int maxClasses;
    private final Duration budget;

    public ChainLookup(RetainerSource source, int maxClasses, Duration budget) {
        this.source = source;
        this.maxClasses = maxClasses;
        this.budget = budget;
    }

    public ChainLookup(RetainerSource source) {
        this(source, MAX_CLASSES, BUDGET);
    }

    /** The classes the lookup would ask about for {@code report}, in rank order. */
    public Map<String, List<Finding>> classesToAsk(List<Snapshot> snapshots, LeakReport report) {
        Snapshot last = snapshots.get(snapshots.size() - 1);
        Map<String, List<Finding>> byClass = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            String className = switch (f.kind()) {
                case LIVE_HEAP -> last.siteClasses().get(f.stack());
                case HEAP_CLASS -> f.site();
                case THREADS -> null;
            };
            if (className == null || (!byClass.containsKey(className) && byClass.size() >= maxClasses)) {
                continue;
            }
            byClass.computeIfAbsent(className, k -> new ArrayList<>()).add(f);
        }
        // A class that grew beside the findings is asked about anyway when a finding allocated it.
        for (Finding f : report.alsoGrew()) {
            if (f.kind() == FindingKind.HEAP_CLASS && byClass.containsKey(f.site())) {
                byClass.get(f.site()).add(f);
            }
        }
        // A class that grew, counted exactly, that no sampled site explains (the sampler's
        // interval rose under load and left a leaking site a sample or two a round): who holds
        // it is evidence of its own, when there is room for a walk.
        for (Finding f : report.unexplained()) {
            if (f.kind() == FindingKind.HEAP_CLASS && (byClass.containsKey(f.site()) || byClass.size() < maxClasses)) {
                byClass.computeIfAbsent(f.site(), k -> new ArrayList<>()).add(f);
            }
        }
        return byClass;
    }

    /**
     * The snapshots with the chains found added to the last one (and notes on what could
     * not be found); unchanged when no heap finding needs one. A site is asked about by
     * allocation site first (the walk reaches the sampler's own live samples of it: no
     * inference), and by its class when the agent can't answer that.
     *
     * @param progress told what each walk is about before it runs, for the progress line
     */
    public List<Snapshot> withChains(List<Snapshot> snapshots, LeakReport report, Consumer<String> progress) {
        Map<String, List<Finding>> byClass = classesToAsk(snapshots, report);
        if (byClass.isEmpty()) {
            return snapshots;
        }
        List<ReferenceChain> chains = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        long deadline = System.nanoTime() + budget.toNanos();
        int walks = 0;
        for (Map.Entry<String, List<Finding>> e : byClass.entrySet()) {
            String className = e.getKey();
            List<Finding> byClassOnly = new ArrayList<>();
            for (Finding f : e.getValue()) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (f.kind() != FindingKind.LIVE_HEAP || walks >= maxClasses || left.compareTo(Duration.ofSeconds(1)) < 0) {
                    byClassOnly.add(f);
                    continue;
                }
                Frame site = f.stack().applicationFrame().orElseThrow();
                progress.accept("what " + site.methodKey() + " allocated");
                try {
                    RetainerSource.Retainers answer = source.retainersOfSite(siteRegex(site), className, left);
                    walks++; // a refusal (older agent, no live sample there) walked nothing
                    Optional<ReferenceChain> chain = chooseForSite(f, answer);
                    if (chain.isPresent()) {
                        long[] objects = f.objects();
                        long[] bytes = f.values();
                        chains.add(chain.get().allocatedAt(f.stack())
                                .withObjectsEstimated(objects[objects.length - 1], bytes[bytes.length - 1]));
                        if (answer.partial()) {
                            notes.add("reference chains of " + site.methodKey() + ": the heap walk stopped at a bound;"
                                    + " chains come from the part it reached");
                        }
                        continue;
                    }
                } catch (IOException ex) {
                    // An agent without retainers by site, or no live sample there: ask by class.
                }
                byClassOnly.add(f);
            }
            // A class that only "also grew" is not worth a walk of its own (the report shows no chain for it).
            if (byClassOnly.stream().noneMatch(f -> report.findings().contains(f) || report.unexplained().contains(f))) {
                continue;
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (walks >= maxClasses || left.compareTo(Duration.ofSeconds(1)) < 0) {
                if (byClassOnly.stream().anyMatch(report.findings()::contains)) {
                    notes.add("reference chains: not asked for " + className + " (the hunt walks the heap at most "
                            + maxClasses + " times, for at most " + budget.toSeconds() + "s in all)");
                }
                continue;
            }
            progress.accept(className);
            walks++;
            RetainerSource.Retainers answer;
            try {
                answer = source.retainers(className, left);
            } catch (IOException ex) {
                notes.add("reference chains: " + ex.getMessage());
                continue;
            }
            if (answer.partial()) {
                notes.add("reference chains of " + className + ": the heap walk stopped at its object bound;"
                        + " chains come from the part it reached");
            }
            for (Finding f : byClassOnly) {
                Optional<ReferenceChain> chain = choose(f, answer, report.criteria());
                if (chain.isPresent()) {
                    chains.add(f.kind() == FindingKind.LIVE_HEAP ? chain.get().allocatedAt(f.stack()) : chain.get());
                } else if (report.findings().contains(f)) {
                    notes.add("reference chains: no chain of " + className + " passes through " + f.site()
                            + "'s class or holds half of what grew there (" + answer.paths().size() + " shapes seen)");
                }
            }
        }
        List<Snapshot> out = new ArrayList<>(snapshots);
        out.set(out.size() - 1, out.get(out.size() - 1).withChains(chains, List.copyOf(notes)));
        return out;
    }

    /** Matches the site's frame as the agent writes it: {@code pkg.Class.method(File.java:42)}. */
    static String siteRegex(Frame site) {
        return Pattern.quote(site.function() + "(");
    }

    /**
     * Every path of a by-site answer holds the site's own objects; the one a person should
     * read is the largest through the allocating code's classes, else the largest that still
     * shows its root (a linked list's deep nodes are printed from "...").
     */
    static Optional<ReferenceChain> chooseForSite(Finding finding, RetainerSource.Retainers answer) {
        if (answer.paths().isEmpty()) {
            return Optional.empty();
        }
        for (String owner : applicationClasses(finding.stack())) {
            Optional<ReferenceChain> through = answer.paths().stream().filter(p -> passesThrough(p, owner))
                    .max(java.util.Comparator.comparingLong(ReferenceChain::bytes));
            if (through.isPresent()) {
                return Optional.of(withDeeper(through.get(), answer.paths(), owner));
            }
        }
        ReferenceChain rooted = answer.paths().stream().filter(p -> !p.path().get(0).startsWith("..."))
                .findFirst().orElse(answer.paths().get(0));
        return Optional.of(withDeeper(rooted, answer.paths(), null));
    }

    /** The chain that holds what {@code finding} names, on evidence; empty when none does. */
    static Optional<ReferenceChain> choose(Finding finding, RetainerSource.Retainers answer, LeakCriteria criteria) {
        if (finding.kind() == FindingKind.LIVE_HEAP) {
            // The allocating code's own classes, innermost first: a cache keeps what it made in
            // its own field far more often than in a caller's.
            for (String owner : applicationClasses(finding.stack())) {
                Optional<ReferenceChain> through = answer.paths().stream()
                        .filter(p -> passesThrough(p, owner))
                        .max(java.util.Comparator.comparingLong(ReferenceChain::bytes));
                if (through.isPresent()) {
                    return Optional.of(withDeeper(through.get(), answer.paths(), owner));
                }
            }
        }
        long[] v = finding.values();
        long grew = v[v.length - 1] - v[criteria.firstJudged(v.length)];
        return answer.paths().stream().findFirst().filter(p -> p.bytes() * 2 >= grew);
    }

    /**
     * The chain with the objects of the same structure counted in: a linked list's nodes are
     * one chain shape per depth near its head, and past the walk's printed depth one shape
     * that starts with "..." (it no longer shows the root). Those deeper paths end in the
     * same links as the one through the owner, and belong to it.
     */
    static ReferenceChain withDeeper(ReferenceChain chosen, List<ReferenceChain> paths, String owner) {
        List<String> tail = tail(chosen.path());
        long objects = 0;
        long bytes = 0;
        for (ReferenceChain p : paths) {
            boolean same = p == chosen || (tail(p.path()).equals(tail)
                    && ((owner != null && passesThrough(p, owner)) || p.path().get(0).startsWith("...")));
            if (same) {
                objects += p.objects();
                bytes += p.bytes();
            }
        }
        return new ReferenceChain(chosen.target(), chosen.allocatedAt(), chosen.path(), objects, bytes, chosen.estimated());
    }

    private static List<String> tail(List<String> path) {
        return path.subList(Math.max(0, path.size() - 2), path.size());
    }

    /** Top-level application classes of a stack ({@code a.b.Cache} for {@code a.b.Cache$Entry.<init>}). */
    static List<String> applicationClasses(Stack stack) {
        Set<String> out = new LinkedHashSet<>();
        for (Frame f : stack.frames()) {
            if (!f.isPlatform() && !f.className().isEmpty()) {
                String c = f.className();
                int inner = c.indexOf('$');
                out.add(inner < 0 ? c : c.substring(0, inner));
            }
        }
        return List.copyOf(out);
    }

    /**
     * True when a chain's holder is the application's own code: its root is a static field of
     * an application class, or a link is a field of one (not the JDK's tables nor the agent's).
     */
    static boolean heldByApplication(Optional<ReferenceChain> chain) {
        if (chain.isEmpty()) {
            return false;
        }
        List<String> links = chain.get().path();
        for (String link : links.subList(0, Math.max(0, links.size() - 1))) {
            String field = link.startsWith("static ") ? link.substring("static ".length()) : link;
            // "a.b.Owner.FIELD": an owner with a package, whose field it is
            if (field.indexOf('.') > 0 && !field.startsWith("...") && !Frame.of(field).isPlatform()) {
                return true;
            }
        }
        return false;
    }

    static boolean passesThrough(ReferenceChain chain, String className) {
        for (String link : chain.path()) {
            // "static a.b.Cache.ENTRIES", "a.b.Cache.entries", "a.b.Cache$Entry.value"
            if (link.contains(className + ".") || link.contains(className + "$")) {
                return true;
            }
        }
        return false;
    }
}
