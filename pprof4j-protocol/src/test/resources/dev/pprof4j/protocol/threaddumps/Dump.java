import java.util.concurrent.*;
import java.util.function.*;
public class Dump {
    static void park(CountDownLatch l) { try { l.await(); } catch (InterruptedException e) {} }
    public static void main(String[] a) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Runnable r = () -> park(never);
        for (int i = 0; i < 2; i++) Thread.ofVirtual().name("vt-" + i).start(r);
        Thread.ofVirtual().start(() -> { synchronized (Dump.class) { park(never);} });
        new Thread(r, "plat \"q\" x").start();
        Supplier<Object> s = () -> { park(never); return null; };
        new Thread(() -> s.get(), "lam").start();
        Thread.sleep(500);
        var b = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        b.dumpThreads("/tmp/w20/self.txt", com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        System.out.println("ready");
        Thread.sleep(60000);
    }
}
