package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Stack;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The usual fix for a leak's shape, in one line. The shapes are the field reports': a
 * client that starts its own thread made per call, a pool made per call, producers blocked
 * on a hand-off whose consumer left, an unbounded cache, request bodies kept by a logging
 * layer. The choice reads the evidence (stacks and the reference chain), never guesses
 * from a count.
 */
public enum FixHint {
    STOP_PRODUCER("stop the producer: these threads block forever handing off to a consumer that gave up;"
            + " use offer(x, timeout) or cancel the producer when the consumer leaves"),
    CLOSE_POOL("close the pool: a thread pool is made per call; share one pool, or shutdown() each one when done"),
    REUSE_CLIENT("reuse one client: an object that starts its own thread is made per call;"
            + " create it once and share it, or close() each one"),
    STOP_THREADS("give these threads an end: each one started here never exits; stop them on close, interrupt"
            + " them, or bound their work with a timeout"),
    DONT_RETAIN_BODIES("don't let logging keep what it logs: a logging layer holds each request's data;"
            + " log a size or a bounded prefix and drop the buffer"),
    BOUND_CACHE("bound the cache: a map gains an entry per key and never loses one;"
            + " cap its size or expire entries (or use a real cache)"),
    STATIC_COLLECTION("don't keep these in a static collection: a list or set in a static field gains an element per"
            + " call and is never drained; keep them where a request or session ends, or cap and drain it"),
    DRAIN_QUEUE("drain or bound the queue: it is filled faster than it is consumed (or its consumer stopped);"
            + " use a bounded queue and reject or drop when full"),
    CLEAR_THREAD_LOCAL("clear the thread's locals: a ThreadLocal (or a long-lived thread's own variable) keeps these"
            + " on a pooled thread between requests; remove() it in a finally block, or bound what the thread keeps"),
    REMOVE_LISTENER("unregister the listeners: one is added per call and never removed;"
            + " remove it when its owner is done, or hold listeners weakly"),
    BOUND_COLLECTION("bound the collection: something is appended to and never drained; cap it or drain it"),
    RELEASE("find who holds these and release them: objects from this site stay reachable");

    private static final List<String> HAND_OFFS = List.of("SynchronousQueue.put", "SynchronousQueue.transfer",
            "SynchronousQueue$Transferer", "BlockingQueue.put", "BlockingDeque.put", "LinkedTransferQueue.transfer",
            "Exchanger.exchange", "ArrayBlockingQueue.put", "LinkedBlockingQueue.put", "LinkedBlockingDeque.put",
            "PriorityBlockingQueue.put", "DelayQueue.put", "SubmissionPublisher.submit");
    private static final List<String> POOLS = List.of("ThreadPoolExecutor", "ForkJoinPool", "Executors.new");
    private static final List<String> BODIES = List.of("byte[]", "ByteBuffer", "readAllBytes", "ByteArrayOutputStream",
            "InputStream.read", "char[]", "Body", "body", "Payload", "payload");
    private static final List<String> MAPS = List.of("Map.put", "Map.computeIfAbsent", "Map.putIfAbsent", "Map.merge",
            "HashMap", "ConcurrentHashMap", "TreeMap", "Hashtable", "Cache", "cache");
    private static final List<String> COLLECTIONS = List.of("List.add", "ArrayList", "LinkedList", "Deque",
            "Queue", "Collection.add", "Set.add", "HashSet", "Vector");

    private final String text;

    FixHint(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * The fix for threads that grew.
     *
     * @param createdBy where they were started (may be unknown)
     * @param waitingIn where they sit now (may be unknown)
     */
    public static FixHint forThreads(Stack createdBy, Stack waitingIn) {
        if (mentionsAny(List.of(waitingIn), HAND_OFFS)) {
            return STOP_PRODUCER;
        }
        // Only the frames that asked for the thread count: the request that ran the code may
        // itself be on a pool's worker, deeper in the same stack.
        List<Frame> asking = createdBy.frames();
        int firstApplication = 0;
        while (firstApplication < asking.size() && asking.get(firstApplication).isPlatform()) {
            firstApplication++;
        }
        Stack starter = new Stack(asking.subList(0, firstApplication));
        if (mentionsAny(List.of(starter), POOLS)) {
            return CLOSE_POOL;
        }
        int applicationFrames = 0;
        for (Frame f : asking.subList(firstApplication, asking.size())) {
            if (f.isPlatform()) {
                continue;
            }
            if (f.methodName().equals("<init>")) {
                return REUSE_CLIENT;
            }
            if (++applicationFrames == 3) {
                break;
            }
        }
        // Idle pool workers with no known creator: a pool nobody shut down.
        if (createdBy.isUnknown() && mentionsAny(List.of(waitingIn), List.of("ThreadPoolExecutor.getTask",
                "ScheduledThreadPoolExecutor$DelayedWorkQueue.take", "ForkJoinPool.awaitWork"))) {
            return CLOSE_POOL;
        }
        return STOP_THREADS;
    }

    /**
     * The fix for heap that grew: chosen from what holds it (the reference chain's holder: a
     * static collection, a cache map, a queue, a thread's locals, listeners, a logging layer),
     * and only without a chain that names one, from the allocating frames: the allocating
     * application method and the JDK frames it called, not the framework frames that ran it
     * (Spring's request filters are no logging layer).
     *
     * @param stacks the allocating stacks of the site (empty for a class-only finding)
     * @param className the class that grew, when known (else empty)
     * @param heldBy the chain from a GC root, when known
     */
    public static FixHint forHeap(Collection<Stack> stacks, String className, Optional<ReferenceChain> heldBy) {
        Optional<HeapHolder> holder = heldBy.flatMap(HeapHolder::of);
        if (holder.isPresent()) {
            return forHolder(holder.get());
        }
        List<Stack> allocating = stacks.stream().map(FixHint::allocatingFrames).toList();
        boolean logging = allocating.stream().anyMatch(s -> s.frames().stream()
                .anyMatch(f -> !f.isPlatform() && HeapHolder.LOGGING.named(f.className())));
        boolean bodies = mentionsAny(allocating, BODIES) || contains(List.of(className), BODIES)
                || heldBy.map(c -> contains(List.of(c.target()), BODIES)).orElse(false);
        if (logging && bodies) {
            return DONT_RETAIN_BODIES;
        }
        if (mentionsAny(allocating, MAPS)) {
            return BOUND_CACHE;
        }
        if (mentionsAny(allocating, COLLECTIONS)) {
            return BOUND_COLLECTION;
        }
        return RELEASE;
    }

    private static FixHint forHolder(HeapHolder holder) {
        return switch (holder) {
            case THREAD_LOCAL -> CLEAR_THREAD_LOCAL;
            case LOGGING -> DONT_RETAIN_BODIES;
            case LISTENERS -> REMOVE_LISTENER;
            case QUEUE -> DRAIN_QUEUE;
            case CACHE_MAP -> BOUND_CACHE;
            case STATIC_COLLECTION -> STATIC_COLLECTION;
            case COLLECTION -> BOUND_COLLECTION;
        };
    }

    /** The innermost application frame and the JDK frames it called (a map's put, a list's add). */
    private static Stack allocatingFrames(Stack stack) {
        List<Frame> frames = stack.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (!frames.get(i).isPlatform()) {
                return new Stack(frames.subList(0, i + 1));
            }
        }
        return stack;
    }

    private static boolean mentionsAny(Collection<Stack> stacks, List<String> fragments) {
        for (Stack s : stacks) {
            for (String fragment : fragments) {
                if (s.mentions(fragment)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(List<String> texts, List<String> fragments) {
        for (String t : texts) {
            for (String fragment : fragments) {
                if (t.contains(fragment)) {
                    return true;
                }
            }
        }
        return false;
    }
}
