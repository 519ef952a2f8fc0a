package dev.pprof4j.runtime.workload;

import dev.pprof4j.Pprof4j;
import java.util.concurrent.CountDownLatch;

/**
 * An application that starts pprof4j itself ({@code Pprof4j.start("port=0")}, no agent) and,
 * on JDK 21+, parks {@code args[0]} virtual threads; it runs for
 * {@code args[1]} milliseconds and then lets main return without closing pprof4j, to show
 * the server's threads do not keep the JVM alive.
 */
public final class StartedFromCode {
    public static void main(String[] args) throws Exception {
        int virtual = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[1]);
        Pprof4j pprof = Pprof4j.start("port=0");
        if (virtual > 0) {
            CountDownLatch started = new CountDownLatch(virtual);
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            for (int i = 0; i < virtual; i++) {
                start.invoke(builder, (Runnable) () -> LeakyService.parkVirtual(started));
            }
            started.await();
        }
        System.out.println("ready " + pprof.url());
        Thread.sleep(millis);
        System.out.println("main returns");
    }
}
