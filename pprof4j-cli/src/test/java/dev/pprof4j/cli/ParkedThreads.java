package dev.pprof4j.cli;

import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for JavaThreadDumpIT: {@value #PARKED} threads parked for good in
 * {@link #park}, one sleeping while it holds a lock, then "ready".
 */
public final class ParkedThreads {
    static final int PARKED = 5;

    private ParkedThreads() {
    }

    static void park(CountDownLatch never) {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < PARKED; i++) {
            Thread t = new Thread(() -> park(never), "parked-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        Thread.sleep(600_000);
    }
}
