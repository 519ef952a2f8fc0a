package dev.pprof4j.runtime.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body whose writes the {@link RequestThreads} watchdog can see: each write is the
 * {@link RequestThreads.Phase#WRITING} phase, so a client that stops reading is dropped after
 * {@link RequestThreads#WRITE_TIMEOUT_MILLIS} instead of holding a thread for good. It also
 * caps the response's size ({@code limit} bytes; beyond it the write fails and the connection
 * is cut), so no answer can grow without bound. Closing it only flushes: the exchange closes the
 * body, see {@link #close()}.
 */
final class WatchedOutputStream extends FilterOutputStream {
    private final RequestThreads.Worker worker = RequestThreads.current();
    private final long limit;
    private final java.util.concurrent.atomic.AtomicLong blockedNanos;
    private long written;

    /** @param blockedNanos adds the time spent in writes (the client's pace, not the host's work) */
    WatchedOutputStream(OutputStream out, long limit, java.util.concurrent.atomic.AtomicLong blockedNanos) {
        super(out);
        this.limit = limit;
        this.blockedNanos = blockedNanos;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (written > limit) {
            throw new IOException("response larger than pprof4j's limit of " + limit + " bytes; cut short");
        }
        guarded(() -> out.write(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        guarded(out::flush);
    }

    /**
     * Flushes, and leaves the body to {@code HttpExchange.close()}. The JDK's server closes a
     * connection whose last write failed only when the exchange closes the body: a body stream
     * closed first marks itself closed before its flush fails, the exchange's close then finds
     * it closed and returns, and the connection stays open for good (a client that sent a
     * request and left made the host keep one descriptor each).
     */
    @Override
    public void close() throws IOException {
        guarded(out::flush);
    }

    private interface Io {
        void run() throws IOException;
    }

    private void guarded(Io io) throws IOException {
        long start = System.nanoTime();
        if (worker == null) {
            try {
                io.run();
            } finally {
                blockedNanos.addAndGet(System.nanoTime() - start);
            }
            return;
        }
        worker.enter(RequestThreads.Phase.WRITING);
        try {
            io.run();
        } finally {
            worker.enter(RequestThreads.Phase.SERVING);
            blockedNanos.addAndGet(System.nanoTime() - start);
        }
        if (worker.evicted()) {
            throw new IOException("the client stopped reading; connection dropped");
        }
    }
}
