import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What recording virtual threads' creation stacks would cost (JDK 21+): starts and joins
 * virtual threads in batches and prints the process CPU time per thread, with JFR's
 * {@code jdk.VirtualThreadStart}/{@code End} off, on without stacks, or on with stacks, and
 * a consumer that keeps a table of the live ones as the agent's created-by table would.
 * {@code VirtualStartCost <off|event|stack> <threads per round> <rounds>}; the first round
 * is warm-up. Run by bench/runtime/virtual-start.sh.
 */
public class VirtualStartCost {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int perRound = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Map<Long, Object> created = new ConcurrentHashMap<>();
        AutoCloseable stream = mode.equals("off") ? null : record(mode.equals("stack"), created);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        Thread[] batch = new Thread[1000];
        for (int round = 0; round <= rounds; round++) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int done = 0; done < perRound; done += batch.length) {
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = (Thread) start.invoke(builder, (Runnable) VirtualStartCost::work);
                }
                for (Thread thread : batch) {
                    thread.join();
                }
            }
            Thread.sleep(1200); // let JFR flush and the consumer catch up, inside the measured CPU
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0 - 1_200_000_000L;
            if (round > 0) {
                System.out.printf("round %s %.0f %.0f %d%n", mode, (double) cpu / perRound, (double) wall / perRound,
                        created.size());
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    static volatile long sink;

    static void work() {
        sink++;
    }

    static AutoCloseable record(boolean stacks, Map<Long, Object> created) {
        jdk.jfr.consumer.RecordingStream stream = new jdk.jfr.consumer.RecordingStream();
        stream.setMaxAge(Duration.ofSeconds(30));
        var start = stream.enable("jdk.VirtualThreadStart");
        if (stacks) {
            start.withStackTrace();
        } else {
            start.withoutStackTrace();
        }
        stream.enable("jdk.VirtualThreadEnd").withoutStackTrace();
        stream.onEvent("jdk.VirtualThreadStart", e -> created.put(e.getLong("javaThreadId"),
                stacks && e.getStackTrace() != null ? e.getStackTrace().getFrames() : Boolean.TRUE));
        stream.onEvent("jdk.VirtualThreadEnd", e -> created.remove(e.getLong("javaThreadId")));
        stream.startAsync();
        return stream;
    }
}
