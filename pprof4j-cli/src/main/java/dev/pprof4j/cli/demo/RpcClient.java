package dev.pprof4j.cli.demo;

import java.util.concurrent.TimeUnit;

/**
 * Leak 1 of the demo (the seeds' gRPC-client-per-call): a client that keeps its connection
 * alive with a heartbeat thread of its own. Made once and shared it is fine; the demo's
 * {@link OrderHandler} makes one per request and never closes it.
 */
final class RpcClient implements AutoCloseable {
    private final String target;
    private final Thread heartbeat;
    private volatile boolean closed;

    RpcClient(String target) {
        this.target = target;
        this.heartbeat = new Thread(this::heartbeat, "rpc-heartbeat-" + target);
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    String call(String method, long id) {
        return target + "/" + method + "#" + id;
    }

    private void heartbeat() {
        while (!closed) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        heartbeat.interrupt();
    }
}
