package dev.pprof4j.report.leaks.detect;

import static dev.pprof4j.report.leaks.detect.LeakDetectorTest.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Stack;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixHintTest {
    static final String[] SERVED_BY_A_POOL = {"com.sun.net.httpserver.Filter$Chain.doFilter",
        "java.util.concurrent.ThreadPoolExecutor.runWorker", "java.util.concurrent.ThreadPoolExecutor$Worker.run",
        "java.lang.Thread.run"};

    static Stack created(String... applicationFrames) {
        String[] all = new String[applicationFrames.length + SERVED_BY_A_POOL.length];
        System.arraycopy(applicationFrames, 0, all, 0, applicationFrames.length);
        System.arraycopy(SERVED_BY_A_POOL, 0, all, applicationFrames.length, SERVED_BY_A_POOL.length);
        return stack(all);
    }

    @Test
    void aClientConstructedPerRequestOnAPoolWorkerIsReuseOneClient() {
        Stack creator = created("shop.RpcClient.<init>", "shop.OrderHandler.handle");
        assertEquals(FixHint.REUSE_CLIENT, FixHint.forThreads(creator, stack("java.lang.Thread.sleep", "shop.RpcClient.beat")));
    }

    @Test
    void aPoolMadePerCallIsClosePool() {
        Stack creator = stack("java.util.concurrent.ThreadPoolExecutor.addWorker",
                "java.util.concurrent.ThreadPoolExecutor.execute", "shop.Reports.render", "shop.ReportHandler.handle");
        assertEquals(FixHint.CLOSE_POOL, FixHint.forThreads(creator, stack("jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.ThreadPoolExecutor.getTask")));
        assertEquals(FixHint.CLOSE_POOL, FixHint.forThreads(Stack.UNKNOWN, stack("jdk.internal.misc.Unsafe.park",
                "java.util.concurrent.ThreadPoolExecutor.getTask", "java.lang.Thread.run")));
    }

    @Test
    void aProducerParkedInAHandOffIsStopTheProducer() {
        for (String put : List.of("java.util.concurrent.SynchronousQueue.put", "java.util.concurrent.ArrayBlockingQueue.put",
                "java.util.concurrent.LinkedBlockingQueue.put", "java.util.concurrent.Exchanger.exchange")) {
            assertEquals(FixHint.STOP_PRODUCER, FixHint.forThreads(created("shop.Feed.subscribe"),
                    stack("jdk.internal.misc.Unsafe.park", put, "shop.Feed.produce")), put);
        }
    }

    @Test
    void aThreadStartedPlainlyPerRequestNeedsAnEnd() {
        assertEquals(FixHint.STOP_THREADS, FixHint.forThreads(created("shop.Poller.spawn", "shop.Handler.handle"),
                stack("java.lang.Thread.sleep", "shop.Poller.loop")));
    }

    @Test
    void heapShapes() {
        assertEquals(FixHint.DONT_RETAIN_BODIES, FixHint.forHeap(List.of(stack("java.io.InputStream.readAllBytes",
                "shop.RequestLogger.capture")), "", Optional.empty()));
        assertEquals(FixHint.BOUND_CACHE, FixHint.forHeap(List.of(stack("java.util.HashMap.putVal",
                "java.util.HashMap.put", "shop.Sessions.open")), "", Optional.empty()));
        assertEquals(FixHint.BOUND_COLLECTION, FixHint.forHeap(List.of(stack("java.util.ArrayList.grow",
                "java.util.ArrayList.add", "shop.Events.keep")), "", Optional.empty()));
        assertEquals(FixHint.RELEASE, FixHint.forHeap(List.of(stack("shop.Tiles.make")), "", Optional.empty()));
        // A request body handled under the JDK server's Filter chain is not "logging".
        assertEquals(FixHint.RELEASE, FixHint.forHeap(List.of(stack("java.io.InputStream.readAllBytes",
                "shop.Upload.store", "com.sun.net.httpserver.Filter$Chain.doFilter")), "", Optional.empty()));
    }

    static Optional<ReferenceChain> heldBy(String... links) {
        return Optional.of(new ReferenceChain(links[links.length - 1], Stack.UNKNOWN, List.of(links)));
    }

    /** A Spring MVC upload: the controller under Spring's request filters, which are no logging layer. */
    static final Stack SPRING_UPLOAD = stack("shop.UploadController.upload",
            "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch",
            "org.springframework.web.filter.OncePerRequestFilter.doFilter",
            "org.apache.catalina.core.ApplicationFilterChain.doFilter");

    @Test
    void theHolderChoosesTheFix() {
        List<Stack> upload = List.of(SPRING_UPLOAD);
        // The shape of issue 22's report: a static list, under Spring's filters, of byte[] bodies.
        assertEquals(FixHint.STATIC_COLLECTION, FixHint.forHeap(upload, "byte[]", heldBy(
                "static shop.UploadController.RETAINED", "java.util.ArrayList.elementData", "java.lang.Object[]", "byte[]")));
        assertEquals(FixHint.BOUND_CACHE, FixHint.forHeap(upload, "byte[]", heldBy(
                "static shop.Thumbnails.BY_ID", "java.util.concurrent.ConcurrentHashMap.table",
                "java.util.concurrent.ConcurrentHashMap$Node[]", "java.util.concurrent.ConcurrentHashMap$Node.val", "byte[]")));
        assertEquals(FixHint.DRAIN_QUEUE, FixHint.forHeap(upload, "byte[]", heldBy(
                "static shop.Outbox.PENDING", "java.util.concurrent.LinkedBlockingQueue.head",
                "java.util.concurrent.LinkedBlockingQueue$Node.item", "byte[]")));
        assertEquals(FixHint.CLEAR_THREAD_LOCAL, FixHint.forHeap(upload, "byte[]", heldBy(
                "thread", "java.lang.Thread.threadLocals", "java.lang.ThreadLocal$ThreadLocalMap.table",
                "java.lang.ThreadLocal$ThreadLocalMap$Entry[]", "java.lang.ThreadLocal$ThreadLocalMap$Entry.value", "byte[]")));
        assertEquals(FixHint.CLEAR_THREAD_LOCAL, FixHint.forHeap(upload, "byte[]", heldBy(
                "stack local", "java.util.ArrayList.elementData", "java.lang.Object[]", "byte[]")));
        assertEquals(FixHint.REMOVE_LISTENER, FixHint.forHeap(upload, "shop.Order", heldBy(
                "static shop.EventBus.INSTANCE", "shop.EventBus.listeners", "java.util.concurrent.CopyOnWriteArrayList.array",
                "java.lang.Object[]", "shop.OrderView$1.this$0", "shop.Order")));
        assertEquals(FixHint.DONT_RETAIN_BODIES, FixHint.forHeap(upload, "byte[]", heldBy(
                "static shop.RequestLog.RECENT", "java.util.ArrayDeque.elements", "java.lang.Object[]", "byte[]")));
        assertEquals(FixHint.BOUND_COLLECTION, FixHint.forHeap(upload, "byte[]", heldBy(
                "JNI global", "shop.Session.attachments", "java.util.ArrayList.elementData", "java.lang.Object[]", "byte[]")));
        // A holder whose own name only looks like a collection's ("Settings") names none.
        assertEquals(FixHint.RELEASE, FixHint.forHeap(upload, "byte[]", heldBy(
                "static shop.Settings.BLOB", "byte[]")));
    }

    @Test
    void withoutAChainSpringsFiltersAreNoLoggingLayer() {
        assertEquals(FixHint.RELEASE, FixHint.forHeap(List.of(SPRING_UPLOAD), "byte[]", Optional.empty()));
        assertEquals(FixHint.DONT_RETAIN_BODIES, FixHint.forHeap(List.of(stack("shop.web.AccessLogFilter.capture",
                "org.springframework.web.filter.OncePerRequestFilter.doFilter")), "byte[]", Optional.empty()));
    }
}
