package dev.pprof4j.runtime.workload;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service that keeps one thread busy until the file {@code args[0]} appears, then ends
 * normally with {@code System.exit(0)}: what a restart does to a service while its agent
 * holds a CPU recording open (a push, a scrape's profile).
 */
public final class ExitsOnSignal {
    static volatile long sink;

    private ExitsOnSignal() {
    }

    public static void main(String[] args) throws Exception {
        Thread busy = new Thread(() -> {
            while (true) {
                sink += System.identityHashCode(new Object()) % 7;
            }
        }, "busy");
        busy.setDaemon(true);
        busy.start();
        System.out.println("ready");
        Path signal = Path.of(args[0]);
        while (!Files.exists(signal)) {
            Thread.sleep(50);
        }
        System.out.println("exiting");
        System.exit(0);
    }
}
