package dev.pprof4j.report.leaks.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsersTest {
    @Test
    void readsGoAndJavaThreadDumpsWithCreatingStacks() {
        String dump = """
                goroutine 1 [running]:
                main.main()
                \t/tmp/x/main.go:10 +0x1d

                goroutine 18 [chan send, 5 minutes]:
                google.golang.org/grpc.(*ccBalancerWrapper).watcher(0xc000123)
                \t/go/grpc/balancer_conn_wrappers.go:115 +0x155
                created by google.golang.org/grpc.newCCBalancerWrapper in goroutine 1
                \t/go/grpc/balancer_conn_wrappers.go:80 +0x22

                goroutine 41 [TIMED_WAITING]: "rpc-heartbeat" daemon
                java.lang.Thread.sleep(...)
                \tThread.java (native)
                \t- waiting on java.lang.Object@1b6d3586
                shop.RpcClient.heartbeat(...)
                \tRpcClient.java:31
                created by shop.OrderHandler.handle in thread "http-1"
                java.lang.Thread.start(...)
                \tThread.java:798
                shop.RpcClient.<init>(...)
                \tRpcClient.java:22
                shop.OrderHandler.handle(...)
                \tOrderHandler.java:14

                goroutine 2 [WAITING]: "Reference Handler" daemon
                java.lang.ref.Reference.waitForReferencePendingList(...)
                \tReference.java (native)
                created by unknown (started before pprof4j)
                """;
        List<Stack[]> threads = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ThreadDumpParser.parse(dump, (name, stack, createdBy) -> {
            names.add(name);
            threads.add(new Stack[] {stack, createdBy});
        });
        assertEquals(List.of("", "", "rpc-heartbeat", "Reference Handler"), names);
        assertEquals(4, threads.size());
        assertEquals(Stack.UNKNOWN, threads.get(3)[1]);
        assertEquals("main.main", threads.get(0)[0].frames().get(0).function());
        assertEquals(Stack.UNKNOWN, threads.get(0)[1]);
        assertEquals("google.golang.org/grpc.(*ccBalancerWrapper).watcher", threads.get(1)[0].frames().get(0).function());
        assertEquals(new Frame("google.golang.org/grpc.newCCBalancerWrapper", "balancer_conn_wrappers.go", 80),
                threads.get(1)[1].frames().get(0));
        Stack heartbeat = threads.get(2)[0];
        assertEquals(List.of(new Frame("java.lang.Thread.sleep", "Thread.java", 0),
                new Frame("shop.RpcClient.heartbeat", "RpcClient.java", 31)), heartbeat.frames());
        assertEquals(List.of(new Frame("java.lang.Thread.start", "Thread.java", 798),
                new Frame("shop.RpcClient.<init>", "RpcClient.java", 22),
                new Frame("shop.OrderHandler.handle", "OrderHandler.java", 14)), threads.get(2)[1].frames());
    }

    @Test
    void readsTheJdkClassHistogram() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          2310       52428800  [B (java.base@17.0.15)
                   2:          1200          28800  java.lang.String (java.base@17.0.15)
                   3:            10            640  [[Ljava.lang.Object; (java.base@17.0.15)
                #    4:              5            120  shop.PriceCache$Quote
                # Total           3525       52458360
                """;
        Map<String, Usage> rows = new LinkedHashMap<>();
        assertEquals(4, ClassHistogramParser.parse(histogram, rows::put));
        assertEquals(Map.of("byte[]", new Usage(2310, 52428800), "java.lang.String", new Usage(1200, 28800),
                "java.lang.Object[][]", new Usage(10, 640), "shop.PriceCache$Quote", new Usage(5, 120)), rows);
    }
}
