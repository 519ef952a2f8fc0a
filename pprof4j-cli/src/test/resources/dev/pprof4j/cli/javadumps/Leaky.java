import java.util.concurrent.*;
public class Leaky {
    static void park(CountDownLatch l) { try { l.await(); } catch (InterruptedException e) {} }
    public static void main(String[] a) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) { Thread t = new Thread(() -> park(never), "leaky-" + i); t.setDaemon(true); t.start(); }
        Object lock = new Object();
        Thread holder = new Thread(() -> { synchronized (lock) { try { Thread.sleep(600000); } catch (InterruptedException e) {} } }, "holder");
        holder.setDaemon(true); holder.start(); Thread.sleep(100);
        Thread blocked = new Thread(() -> { synchronized (lock) { } }, "blocked"); blocked.setDaemon(true); blocked.start();
        System.out.println(ProcessHandle.current().pid());
        Thread.sleep(600000);
    }
}
