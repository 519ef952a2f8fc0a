import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The service-like workloads of the agent-cost benchmarks (bench/ab, bench/runtime/agent-threads.sh),
 * and one run of them: {@code IdleCost <workload> <warmupSeconds> <windows>} runs a
 * service-like workload on one thread, warms it up, then measures {@code windows} one-second
 * windows and prints per window the work done per CPU millisecond of the working thread and
 * of the whole process, and per wall millisecond.
 *
 * <p>Why CPU time: this machine is shared, and a window in which the scheduler ran someone
 * else says nothing about the agent. Work per thread-CPU millisecond is the speed of the
 * application's own code (what a JIT change would move); work per process-CPU millisecond adds
 * everything the JVM spent beside it (the agent's threads, JFR, GC, compiler), which is the
 * agent's full price on a busy machine.
 */
public class IdleCost {
    static volatile long sink;
    static long id;
    static ExecutorService workers;

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        int warmupSeconds = Integer.parseInt(args[1]);
        int windows = Integer.parseInt(args[2]);
        startWorkers();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        run(workload, warmupSeconds * 1_000_000_000L);
        for (int w = 0; w < windows; w++) {
            long thread0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long ops = run(workload, 1_000_000_000L);
            double threadMs = (threads.getCurrentThreadCpuTime() - thread0) / 1e6;
            double processMs = (os.getProcessCpuTime() - process0) / 1e6;
            double wallMs = (System.nanoTime() - wall0) / 1e6;
            System.out.printf("window %s %.2f %.2f %.2f%n", workload, ops / threadMs, ops / processMs, ops / wallMs);
        }
        workers.shutdownNow();
    }

    /** The pool poolRoundTrip hands its tasks to (daemon threads named "worker"). */
    static void startWorkers() {
        workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "worker");
            t.setDaemon(true);
            return t;
        });
    }

    static long run(String workload, long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                ops++;
                sink += switch (workload) {
                    case "requestChurn" -> requestChurn();
                    case "renderJson" -> renderJson();
                    case "poolRoundTrip" -> poolRoundTrip();
                    default -> throw new IllegalArgumentException("unknown workload " + workload
                            + "; known: requestChurn, renderJson, poolRoundTrip");
                };
            }
        }
        return ops;
    }

    /** A request handler's churn: a small map of fields and a rendered body. */
    static long requestChurn() {
        long request = ++id;
        Map<String, Integer> fields = new HashMap<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String key = "k" + (request + i) % 17;
            fields.merge(key, i, Integer::sum);
            body.append(key).append('=').append(i).append(';');
        }
        return body.toString().hashCode() + fields.size();
    }

    record Order(String customer, int cents, boolean paid) {
    }

    /** Sorting a page of records and rendering it as JSON: strings, boxing, comparators. */
    static long renderJson() {
        long seed = ++id;
        List<Order> orders = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            orders.add(new Order("customer-" + (seed >>> 59), (int) (seed >>> 40) & 0xffff, (seed & 1) == 0));
        }
        orders.sort(Comparator.comparing(Order::customer).thenComparingInt(Order::cents));
        StringBuilder json = new StringBuilder(2048).append('[');
        for (Order order : orders) {
            json.append("{\"customer\":\"").append(order.customer()).append("\",\"cents\":")
                    .append(order.cents()).append(",\"paid\":").append(order.paid()).append("},");
        }
        json.setCharAt(json.length() - 1, ']');
        return json.toString().length();
    }

    /** A hand-off to a pool and back, as a service calling a worker: parks and unparks threads. */
    static long poolRoundTrip() throws Exception {
        long request = ++id;
        Future<Integer> answer = workers.submit(() -> Long.hashCode(request * 31) + Arrays.hashCode(new int[4]));
        return answer.get();
    }
}
