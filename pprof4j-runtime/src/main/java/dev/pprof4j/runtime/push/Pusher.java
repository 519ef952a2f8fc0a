package dev.pprof4j.runtime.push;

import dev.pprof4j.runtime.collect.CollectorSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Pushes each window's profiles to Pyroscope from one daemon thread, {@code pprof4j-push}.
 * Every {@code pushinterval} it takes the window ({@link WindowProfiles}), encodes one request
 * and queues it ({@link PushQueue}: bounded, the oldest dropped); between windows it sends
 * what is queued, in order, waiting out a jittered backoff ({@link Backoff}) after a 5xx,
 * 408, 429, timeout or I/O error. A request the server refuses for good (another 4xx) is
 * dropped and counted. A slow server delays the next window's cut, never the application, and
 * windows still follow one another without a gap. It logs one line when pushing starts to
 * fail and one when it works again, never a credential.
 */
public final class Pusher implements AutoCloseable {
    /** Windows held while the server is away: two minutes at the default interval. */
    static final int QUEUE_CAPACITY = 8;

    private final PushSettings settings;
    private final CollectorSet collectors;
    private final PushClient client;
    private final PushQueue queue;
    private final Backoff backoff = new Backoff(RandomGenerator.getDefault());
    private final PushPhases phases = new PushPhases();
    private final Thread thread;
    private final Object wakeUp = new Object();
    private volatile boolean stopped;
    private volatile WindowProfiles windows;
    private volatile long windowsTaken;
    private volatile long sent;
    private volatile long failures;
    private volatile long rejected;
    private volatile int lastStatus;
    private volatile String lastError = "";
    private volatile long lastSentEpochMillis;
    private volatile long lastRequestBytes;
    private boolean failing;

    private Pusher(PushSettings settings, CollectorSet collectors) {
        this.settings = settings;
        this.collectors = collectors;
        this.client = new PushClient(settings.server(), settings.credentials());
        // /ingest takes one profile a request: a window is three requests there.
        this.queue = new PushQueue(settings.api().equals("ingest") ? 3 * QUEUE_CAPACITY : QUEUE_CAPACITY);
        this.thread = new Thread(this::run, "pprof4j-push");
        thread.setDaemon(true);
    }

    /**
     * Starts pushing; the first window starts when the thread has taken its baselines, on the
     * thread itself, so that the agent's start (the application's, from premain) waits for none of it.
     */
    public static Pusher start(PushSettings settings, CollectorSet collectors) {
        Pusher pusher = new Pusher(settings, collectors);
        pusher.thread.start();
        return pusher;
    }

    private void run() {
        Duration interval = settings.interval();
        long nextSend = 0;
        try {
            windows = new WindowProfiles(collectors, interval, phases);
            long nextWindow = System.nanoTime() + interval.toNanos();
            while (!stopped) {
                long now = System.nanoTime();
                if (now >= nextWindow) {
                    enqueueWindow();
                    nextWindow += interval.toNanos();
                    if (nextWindow <= System.nanoTime()) {
                        nextWindow = System.nanoTime() + interval.toNanos(); // fell behind: no burst of short windows
                    }
                }
                if (queue.size() > 0 && System.nanoTime() >= nextSend) {
                    Duration wait = sendHead();
                    nextSend = wait == null ? 0 : System.nanoTime() + wait.toNanos();
                    if (wait == null && queue.size() > 0) {
                        continue; // more queued and the server answers: send on
                    }
                }
                long until = queue.size() > 0 && nextSend > 0 ? Math.min(nextWindow, nextSend) : nextWindow;
                sleepUntil(until);
            }
        } catch (RuntimeException | Error e) {
            System.err.println("pprof4j: pushing to Pyroscope stopped: " + e);
        } finally {
            WindowProfiles w = windows;
            if (w != null) {
                w.close();
            }
            queue.clear();
        }
    }

    private void enqueueWindow() {
        phases.start();
        List<WindowProfiles.Kind> kinds = windows.next();
        windowsTaken++;
        if (kinds.isEmpty()) {
            return;
        }
        long from = kinds.get(0).profile().timeNanos;
        long until = from + kinds.get(0).profile().durationNanos;
        if (settings.api().equals("ingest")) {
            for (WindowProfiles.Kind kind : kinds) {
                // /ingest infers the kind from the sample type names: block's contentions/delay would be
                // filed as mutex and goroutine/count as goroutines, so only these three go that way.
                if (List.of("process_cpu", "memory", "mutex").contains(kind.name())) {
                    long kindFrom = kind.profile().timeNanos;
                    queue.add(new PushQueue.Request(rawProfile(kind.profile()), kindFrom,
                            kindFrom + kind.profile().durationNanos, 1));
                }
            }
            return;
        }
        List<PushRequestEncoder.Series> series = new ArrayList<>(kinds.size());
        for (WindowProfiles.Kind kind : kinds) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__name__", kind.name());
            labels.put("service_name", settings.app());
            labels.putAll(settings.labels());
            series.add(new PushRequestEncoder.Series(labels, rawProfile(kind.profile()), UUID.randomUUID().toString()));
        }
        queue.add(new PushQueue.Request(PushRequestEncoder.encode(series), from, until, series.size()));
        phases.lap(PushPhases.REQUEST);
    }

    /** The gzipped pprof of one kind, its encoding's and gzip's CPU charged to their phases. */
    private byte[] rawProfile(dev.pprof4j.profile.Profile profile) {
        phases.lap(PushPhases.REQUEST);
        byte[] proto = PyroscopeLimits.proto(profile);
        phases.lap(PushPhases.ENCODE);
        byte[] gzipped = PyroscopeLimits.gzip(proto);
        phases.lap(PushPhases.GZIP);
        return gzipped;
    }

    /** Sends the oldest request; null when it is done with (sent or refused), else how long to wait. */
    private Duration sendHead() {
        phases.start();
        try {
            return send(queue.peek());
        } finally {
            phases.lap(PushPhases.SEND);
        }
    }

    private Duration send(PushQueue.Request request) {
        PushClient.Answer answer;
        try {
            lastRequestBytes = request.body().length;
            answer = settings.api().equals("ingest")
                    ? client.ingest(settings.app(), settings.labels(), request.fromEpochNanos() / 1_000_000_000L,
                            Math.max(request.untilEpochNanos() / 1_000_000_000L, request.fromEpochNanos() / 1_000_000_000L + 1),
                            "samples", request.body())
                    : client.push(request.body());
        } catch (IOException | RuntimeException e) {
            return failed(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        lastStatus = answer.status();
        if (answer.ok()) {
            queue.remove(request);
            sent++;
            lastSentEpochMillis = System.currentTimeMillis();
            backoff.succeeded();
            if (failing) {
                failing = false;
                System.err.println("pprof4j: pushing to " + settings.server() + " works again");
            }
            return null;
        }
        if (answer.retryable()) {
            return failed(answer.status(), answer.message(), answer.retryAfter());
        }
        // The server will never take this request (400 invalid, 401/403 credentials, 404 path): drop it.
        queue.remove(request);
        rejected++;
        failed(answer.status(), answer.message(), null);
        return null;
    }

    private Duration failed(int status, String message, Duration retryAfter) {
        failures++;
        lastStatus = status;
        lastError = (status == 0 ? "" : status + " ") + (message.length() > 300 ? message.substring(0, 300) : message);
        if (!failing) {
            failing = true;
            System.err.println("pprof4j: pushing to " + settings.server() + " failed: " + lastError
                    + "; retrying with backoff, keeping at most " + queue.capacity() + " requests");
        }
        return backoff.failed(retryAfter);
    }

    private void sleepUntil(long deadlineNanos) {
        synchronized (wakeUp) {
            long wait = deadlineNanos - System.nanoTime();
            while (wait > 0 && !stopped) {
                try {
                    wakeUp.wait(Math.max(1, wait / 1_000_000), 0);
                } catch (InterruptedException e) {
                    stopped = true;
                    return;
                }
                wait = deadlineNanos - System.nanoTime();
            }
        }
    }

    /** What {@code /debug/vars} shows under {@code push}: settings without secrets, counters, the thread's own cost. */
    public Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("Server", settings.server().toString());
        vars.put("App", settings.app());
        vars.put("Api", settings.api());
        vars.put("Auth", settings.credentials().toString());
        vars.put("IntervalMs", settings.interval().toMillis());
        vars.put("Windows", windowsTaken);
        vars.put("Sent", sent);
        vars.put("Failures", failures);
        vars.put("Rejected", rejected);
        vars.put("Dropped", queue.dropped());
        vars.put("Queued", queue.size());
        vars.put("QueueCapacity", queue.capacity());
        vars.put("QueuedBytes", queue.queuedBytes());
        vars.put("LastRequestBytes", lastRequestBytes);
        vars.put("LastStatus", lastStatus);
        vars.put("LastError", lastError);
        vars.put("LastSentUnixMs", lastSentEpochMillis);
        Map<String, Long> byPhase = phases.nanos(); // before the whole: the phases never add up to more
        vars.put("CpuNs", threadCpuNanos());
        vars.put("AllocatedBytes", threadAllocatedBytes());
        byPhase.forEach((phase, nanos) -> vars.put("CpuNs." + phase, nanos));
        WindowProfiles w = windows;
        if (w != null) {
            w.unavailable().forEach((kind, reason) -> vars.put("Unavailable." + kind, reason));
        }
        return vars;
    }

    private long threadCpuNanos() {
        try {
            return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    private long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            return threads.getThreadAllocatedBytes(thread.getId());
        }
        return -1;
    }

    /** Stops the thread (waiting for a send in flight at most its timeouts), drops what is queued, frees the CPU window. */
    @Override
    public void close() {
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            thread.join(PushClient.CONNECT_TIMEOUT.plus(PushClient.READ_TIMEOUT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
