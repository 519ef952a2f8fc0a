import java.util.concurrent.CountDownLatch;

/**
 * A crowd of parked threads for the goroutine-dump latency benchmark:
 * {@code ThreadCrowd <platform> <virtual>}; prints "ready" once all are parked. Virtual
 * threads (JDK 21+) are started through reflection so this compiles with --release 17.
 */
public class ThreadCrowd {
    public static void main(String[] args) throws Exception {
        int platform = Integer.parseInt(args[0]);
        int virtual = Integer.parseInt(args[1]);
        CountDownLatch parked = new CountDownLatch(platform + virtual);
        for (int i = 0; i < platform; i++) {
            Thread t = new Thread(() -> park(parked), "crowd-" + i);
            t.setDaemon(true);
            t.start();
        }
        if (virtual > 0) {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            for (int i = 0; i < virtual; i++) {
                start.invoke(builder, (Runnable) () -> park(parked));
            }
        }
        parked.await();
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    static void park(CountDownLatch parked) {
        parked.countDown();
        waitHere();
    }

    static void waitHere() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
