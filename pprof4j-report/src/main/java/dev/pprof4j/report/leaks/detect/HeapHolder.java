package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.ReferenceChain;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of thing holds leaked memory, read from its reference chain: the fix is about
 * the holder (a static list is drained or capped, a ThreadLocal is removed, a listener is
 * unregistered), not about how the objects were made. A link is read for the first kind it
 * names, from the root on: the holder nearest the root is the one that grows (a static map of
 * lists is a cache; a list of maps is a collection).
 */
enum HeapHolder {
    /** A ThreadLocal, or a live thread's own stack or fields: a pooled thread keeps them between requests. */
    THREAD_LOCAL(Pattern.compile("ThreadLocal|\\.threadLocals|\\.inheritableThreadLocals")),
    /** A logger, an appender, an audit trail, a request log. */
    LOGGING(Pattern.compile("(?i:logger|logging|appender|audit|journal)|Log(?![a-z])")),
    /** Listeners, observers, subscribers, callbacks registered and never removed. */
    LISTENERS(Pattern.compile("(?i:listener|observer|subscriber|callback)")),
    /** A queue filled faster than it is drained. */
    QUEUE(Pattern.compile("(Queue|Deque)(?![a-z])")),
    /** A map keyed by something that keeps changing: a cache with no bound. */
    CACHE_MAP(Pattern.compile("(Map|Hashtable)(?![a-z])|(?i:cache)")),
    /** A list or set in a static field: appended to, never drained. */
    STATIC_COLLECTION(Pattern.compile("(List|Set|Vector|Collection)(?![a-z])")),
    /** A list or set held by an object (not a static field). */
    COLLECTION(Pattern.compile("(List|Set|Vector|Collection)(?![a-z])"));

    private final Pattern names;

    HeapHolder(Pattern names) {
        this.names = names;
    }

    /** The holder a chain names, if any link names one; the root's own kind decides static or not. */
    static Optional<HeapHolder> of(ReferenceChain chain) {
        List<String> links = chain.path();
        if (links.isEmpty()) {
            return Optional.empty();
        }
        String root = links.get(0);
        boolean onAThread = root.equals("thread") || root.startsWith("stack local") || root.startsWith("JNI local");
        // The held objects themselves (the last link) are what leaks, not what holds it.
        for (String link : links.subList(0, Math.max(1, links.size() - 1))) {
            for (HeapHolder kind : values()) {
                if (kind == COLLECTION || !kind.names.matcher(link).find()) {
                    continue;
                }
                if (kind == STATIC_COLLECTION) {
                    return Optional.of(onAThread ? THREAD_LOCAL : root.startsWith("static ") ? STATIC_COLLECTION : COLLECTION);
                }
                return Optional.of(kind);
            }
        }
        // A thread's stack holds an array or an object graph with no collection named.
        return onAThread ? Optional.of(THREAD_LOCAL) : Optional.empty();
    }

    /** True when {@code text} (a frame's function, a class name) names this kind of holder. */
    boolean named(String text) {
        return names.matcher(text).find();
    }
}
