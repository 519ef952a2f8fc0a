import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service of the history ring's memory benchmark: {@code HistoryRing <threads> <heapMB>
 * <snapshots>}. Parks {@code threads} platform threads in 50 distinct stacks (depths 1..50),
 * retains {@code heapMB} of byte arrays (1-64 KiB) allocated from 16 sites, keeps making
 * garbage, waits until the agent's history holds {@code snapshots} snapshots (0: waits 5 s),
 * then collects twice and prints {@code used_after_gc <bytes>}, and from /debug/vars the
 * history's own estimate and tick cost.
 */
public class HistoryRing {
    static final List<byte[]> RETAINED = new ArrayList<>();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long heapBytes = Long.parseLong(args[1]) << 20;
        int snapshots = Integer.parseInt(args[2]);
        CountDownLatch parked = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int depth = 1 + i % 50;
            Thread t = new Thread(() -> descend(depth, parked), "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        parked.await();
        long retained = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (retained < heapBytes) {
            byte[] b = allocate(random.nextInt(16), 1024 + random.nextInt(63 * 1024));
            RETAINED.add(b);
            retained += b.length;
        }
        Thread churn = new Thread(HistoryRing::churn, "churn");
        churn.setDaemon(true);
        churn.start();
        System.out.println("ready");
        String vars = "http://" + System.getProperty("pprof4j.address") + "/debug/vars";
        HttpClient http = HttpClient.newHttpClient();
        if (snapshots > 0) {
            while (number(fetch(http, vars), "Held") < snapshots) {
                Thread.sleep(500);
            }
        } else {
            Thread.sleep(5000);
        }
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String v = fetch(http, vars);
        System.out.println("used_after_gc " + used + " estimate " + number(v, "Bytes") + " held " + number(v, "Held")
                + " last_tick_ns " + number(v, "LastTickNs") + " skipped " + number(v, "SkippedTicks")
                + " retained " + retained + " sink " + (sink & 1));
    }

    static String fetch(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long number(String json, String key) {
        int history = json.indexOf("\"history\"");
        Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json.substring(Math.max(0, history)));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void descend(int depth, CountDownLatch parked) {
        if (depth > 0) {
            descend(depth - 1, parked);
            return;
        }
        parked.countDown();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sixteen allocation sites, so the heap has sites as a service's does. */
    static byte[] allocate(int site, int size) {
        switch (site) {
            case 0: return site0(size);
            case 1: return site1(size);
            case 2: return site2(size);
            case 3: return site3(size);
            default: return site > 9 ? siteHigh(size) : siteMid(size);
        }
    }

    static byte[] site0(int size) { return new byte[size]; }
    static byte[] site1(int size) { return new byte[size]; }
    static byte[] site2(int size) { return new byte[size]; }
    static byte[] site3(int size) { return new byte[size]; }
    static byte[] siteMid(int size) { return new byte[size]; }
    static byte[] siteHigh(int size) { return new byte[size]; }

    static void churn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            for (int i = 0; i < 64; i++) {
                sink += new byte[1024 + random.nextInt(8192)].length;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
