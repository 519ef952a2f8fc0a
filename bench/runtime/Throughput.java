import java.util.HashMap;
import java.util.Map;

/**
 * A service-like loop (allocation, hashing, strings) on one thread for the agent's overhead
 * benchmark: {@code Throughput <seconds>}; warms up 3 s, then prints
 * {@code ops_per_sec N} over the measured seconds.
 */
public class Throughput {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        System.out.println("ready");
        run(3_000_000_000L);
        long ops = run(seconds * 1_000_000_000L);
        System.out.println("ops_per_sec " + ops / seconds);
    }

    static long run(long nanos) {
        long end = System.nanoTime() + nanos;
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                ops++;
                sink += request(ops);
            }
        }
        return ops;
    }

    static long request(long id) {
        Map<String, Integer> fields = new HashMap<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String key = "k" + (id + i) % 17;
            fields.merge(key, i, Integer::sum);
            body.append(key).append('=').append(i).append(';');
        }
        return body.toString().hashCode() + fields.size();
    }
}
