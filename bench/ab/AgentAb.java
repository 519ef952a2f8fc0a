import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * One fork of the in-JVM A/B benchmark (bench/ab/run.sh runs several): a workload runs without
 * pause on the main thread while something is switched on and off under it, in pairs of
 * windows in random order, and each window's work per CPU millisecond is printed.
 *
 * <p>Why inside one JVM: across JVMs the same loop lands in one of two or more JIT outcomes
 * (this machine's loops differ by up to 25 % fork to fork with no agent at all), and a
 * one-per-cent cost is invisible under that. Here both halves of a pair share the JIT's code,
 * the heap's shape and the machine's load of that moment, so their ratio is the switched
 * thing's cost.
 *
 * <pre>{@code
 * java -cp <this dir>:<agent jar>[:<async-profiler jar>] AgentAb WORKLOAD TOGGLE PAIRS [SETTLE_S] [WINDOW_S]
 * }</pre>
 * WORKLOAD is one of {@link IdleCost}'s, or the name of a class with a {@code public static
 * long op()} on the class path. TOGGLE is {@code agent:OPTIONS} (pprof4j started with
 * {@code Pprof4j.start(OPTIONS)} and closed), {@code sampler[:RATE[:MAX_DEPTH[:BUDGET]]]} (pprof4j's heap
 * sampler alone, at most MAX_DEPTH frames per stack, within BUDGET of the process's CPU; 0 for a fixed RATE) or {@code asprof:ARGS} (async-profiler's
 * Java API, {@code start,ARGS} and {@code stop}; its library path in {@code -Dasprof.lib}). After each switch the workload runs
 * SETTLE_S seconds unmeasured (what starting costs once is not an idle cost), then WINDOW_S
 * seconds measured.
 *
 * <p>Prints {@code window PAIR STATE opsPerThreadCpuMs opsPerProcessCpuMs opsPerWallMs} per
 * window and the threads a switch-off left behind (a toggle that leaves work running would
 * make "off" windows pay for "on").
 */
public final class AgentAb {
    static volatile long sink;

    interface Toggle {
        void on() throws Exception;

        void off() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AgentAb WORKLOAD TOGGLE PAIRS [SETTLE_S] [WINDOW_S]");
            System.exit(2);
        }
        LongSupplier op = workload(args[0]);
        Toggle toggle = toggle(args[1]);
        int pairs = Integer.parseInt(args[2]);
        long settle = (long) (Double.parseDouble(args.length > 3 ? args[3] : "1") * 1e9);
        long window = (long) (Double.parseDouble(args.length > 4 ? args[4] : "2") * 1e9);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        sink += op.getAsLong(); // the workload's own threads (a pool starts lazily) are not left-overs
        Set<String> before = threadNames();
        // Warm-up: the workload alone, then one whole on/off cycle (class loading, the JIT of the
        // switched thing's own code, JFR's first start) that is not measured.
        run(op, 6_000_000_000L);
        toggle.on();
        run(op, 3 * settle + window);
        toggle.off();
        run(op, settle);
        Set<String> left = threadNames();
        left.removeAll(before);
        System.out.println("left-after-off " + (left.isEmpty() ? "none" : String.join(",", left)));

        SplittableRandom random = new SplittableRandom(System.nanoTime());
        for (int pair = 0; pair < pairs; pair++) {
            boolean onFirst = random.nextBoolean();
            for (int half = 0; half < 2; half++) {
                boolean on = (half == 0) == onFirst;
                if (on) {
                    toggle.on();
                } else {
                    toggle.off();
                }
                run(op, settle);
                long thread0 = threads.getCurrentThreadCpuTime();
                long process0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long ops = run(op, window);
                double threadMs = (threads.getCurrentThreadCpuTime() - thread0) / 1e6;
                double processMs = (os.getProcessCpuTime() - process0) / 1e6;
                double wallMs = (System.nanoTime() - wall0) / 1e6;
                System.out.printf("window %d %s %.3f %.3f %.3f%n", pair, on ? "on" : "off", ops / threadMs,
                        ops / processMs, ops / wallMs);
            }
        }
        toggle.off();
    }

    static long run(LongSupplier op, long nanos) {
        long end = System.nanoTime() + nanos;
        long ops = 0;
        long sum = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                sum += op.getAsLong();
            }
            ops += 50;
        }
        sink += sum;
        return ops;
    }

    static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        return names;
    }

    static LongSupplier workload(String name) throws Exception {
        if (List.of("requestChurn", "renderJson", "poolRoundTrip").contains(name)) {
            IdleCost.startWorkers();
            return switch (name) {
                case "requestChurn" -> IdleCost::requestChurn;
                case "renderJson" -> IdleCost::renderJson;
                default -> () -> {
                    try {
                        return IdleCost.poolRoundTrip();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
            };
        }
        Method m = Class.forName(name).getMethod("op");
        var handle = java.lang.invoke.MethodHandles.publicLookup().unreflect(m);
        return () -> {
            try {
                return (long) handle.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Toggle toggle(String spec) throws Exception {
        String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        String arg = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : "";
        switch (kind) {
            case "agent": {
                Method start = Class.forName("dev.pprof4j.Pprof4j").getMethod("start", String.class);
                return closing(() -> (AutoCloseable) start.invoke(null, arg));
            }
            case "sampler": {
                Class<?> sampler = Class.forName("dev.pprof4j.runtime.collect.heap.HeapSampler");
                Method start = sampler.getMethod("start", int.class, int.class, double.class);
                // sampler[:RATE[:MAX_DEPTH[:BUDGET]]]; the agent's defaults where left out (BUDGET a
                // share of the process's CPU; 0 keeps RATE fixed whatever it costs)
                String[] parts = arg.split(":");
                int rate = arg.isEmpty() ? 512 * 1024 : Integer.parseInt(parts[0]);
                int depth = parts.length > 1 ? Integer.parseInt(parts[1])
                        : sampler.getField("DEFAULT_MAX_DEPTH").getInt(null);
                double budget = parts.length > 2 ? Double.parseDouble(parts[2])
                        : sampler.getField("DEFAULT_BUDGET").getDouble(null);
                return closing(() -> (AutoCloseable) start.invoke(null, rate, depth, budget));
            }
            case "asprof": {
                Class<?> profiler = Class.forName("one.profiler.AsyncProfiler");
                Object instance = profiler.getMethod("getInstance", String.class)
                        .invoke(null, System.getProperty("asprof.lib"));
                Method execute = profiler.getMethod("execute", String.class);
                return new Toggle() {
                    boolean running;

                    public void on() throws Exception {
                        if (!running) {
                            execute.invoke(instance, "start," + arg);
                            running = true;
                        }
                    }

                    public void off() throws Exception {
                        if (running) {
                            execute.invoke(instance, "stop");
                            running = false;
                        }
                    }
                };
            }
            case "serve":
                return serving(arg);
            case "none":
                // A/A: both halves the same; the spread of its ratios is the harness's own noise.
                return new Toggle() {
                    public void on() {
                    }

                    public void off() {
                    }
                };
            default:
                throw new IllegalArgumentException("unknown toggle " + spec
                        + "; known: agent:OPTIONS, sampler[:RATE[:DEPTH[:BUDGET]]], asprof:ARGS, serve:[OPTIONS@]PATHS, none");
        }
    }

    /**
     * {@code serve:[OPTIONS@]PATHS}: the agent ({@code port=0} and OPTIONS, e.g.
     * {@code cpuengine=jfr}) runs for the whole fork; on starts a client that requests PATHS
     * (comma-separated, e.g. {@code /debug/pprof/profile?seconds=1,/debug/pprof/heap}) one after
     * another without pause, off stops it after its request in flight. So the pairs price
     * serving against the idle agent.
     */
    static Toggle serving(String spec) throws Exception {
        int at = spec.indexOf('@');
        String options = at < 0 ? "port=0" : "port=0," + spec.substring(0, at);
        String paths = spec.substring(at + 1);
        Method start = Class.forName("dev.pprof4j.Pprof4j").getMethod("start", String.class);
        Object agent = start.invoke(null, options);
        String base = (String) agent.getClass().getMethod("url").invoke(agent);
        String root = base.substring(0, base.indexOf("/debug/pprof/"));
        List<java.net.URL> urls = new java.util.ArrayList<>();
        for (String path : paths.split(",")) {
            urls.add(java.net.URI.create(root + (path.startsWith("/") ? path : "/" + path)).toURL());
        }
        return new Toggle() {
            volatile boolean stop;
            Thread client;

            public void on() {
                if (client != null) {
                    return;
                }
                stop = false;
                client = new Thread(() -> {
                    byte[] buffer = new byte[64 * 1024];
                    while (!stop) {
                        for (java.net.URL url : urls) {
                            try (var in = url.openStream()) {
                                while (in.read(buffer) >= 0) {
                                    // discarded: the cost of serving is what is measured
                                }
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(url + ": " + e.getMessage(), e);
                            }
                        }
                    }
                }, "ab-client");
                client.setDaemon(true);
                client.start();
            }

            public void off() throws InterruptedException {
                if (client != null) {
                    stop = true;
                    client.join();
                    client = null;
                }
            }
        };
    }

    /** On: whatever {@code start} returns, once; off: closing it. */
    static Toggle closing(java.util.concurrent.Callable<AutoCloseable> start) {
        return new Toggle() {
            AutoCloseable running;

            public void on() throws Exception {
                if (running == null) {
                    running = start.call();
                }
            }

            public void off() throws Exception {
                if (running != null) {
                    running.close();
                    running = null;
                }
            }
        };
    }

    private AgentAb() {
    }
}
