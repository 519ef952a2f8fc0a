package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.retained.OrderBook;
import dev.pprof4j.runtime.collect.heap.Retainers;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pprof4j retainers}, the real jar, against the real agent in a child JVM whose heap has a
 * known owner ({@link OrderBook}: a static map of lists of {@code long[]}): by site and by class
 * it prints the chain from the static field through the holders, with the retained size; a site
 * that only made garbage, and a class with no live object, say "no chain" and exit 1; an unknown
 * site, a bad regex and an address with no agent give one line and exit 2 (a bad command line:
 * RetainersCommandTest). About 20 s: each run of the jar starts a JVM.
 */
class RetainersCommandIT {
    private static final String CHAIN = "static " + OrderBook.class.getName() + ".BY_DESK -> java.util.HashMap.table"
            + " -> java.util.HashMap$Node[] -> java.util.HashMap$Node.value -> java.util.ArrayList.elementData"
            + " -> java.lang.Object[] -> long[]";
    private static final long KEPT = (long) OrderBook.DESKS * OrderBook.ORDERS;
    /** A sample every 64 KiB: about 370 of the 25 MB kept, so the estimate is within a few %. */
    private static final int RATE = 64 * 1024;

    private static ChildJvm app;
    private static String address;

    @BeforeAll
    static void startOrderBook() {
        app = ChildJvm.builder(OrderBook.class.getName())
                // stwbudget=100: four walks in a row on a loaded machine would spend the default 5 % of
                // stopped time and cut the later ones short; this test is about the chains, not the budget
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,stwbudget=100,memprofilerate=" + RATE).jvmArg("-Xmx256m").start();
        address = app.awaitPprofUrl(Duration.ofSeconds(60)).replaceFirst("^http://", "");
        app.await(Pattern.compile("(?m)^ready$"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void bySiteTheChainFromTheStaticMapWithTheEstimatedBytes() {
        Command.Result r = CliJar.run("retainers", "-site", "OrderBook\\.record\\(", address);
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        assertTrue(r.stdout().startsWith("retainers of objects allocated at a frame matching 'OrderBook\\.record\\('"),
                r.stdout());
        Matcher row = firstRow(r.stdout());
        assertEquals(CHAIN, row.group(3), r.stdout());
        double ratio = Long.parseLong(row.group(2)) / (double) (KEPT * OrderBook.ARRAY_BYTES);
        // ~370 samples: one sigma is about 5 %; 25 % is five.
        assertTrue(ratio > 0.75 && ratio < 1.25, "estimated " + ratio + " of the bytes kept:\n" + r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void byClassEveryArrayKeptWithItsExactBytes() {
        Command.Result r = CliJar.run("retainers", "http://" + address + "/debug/pprof/", "long[]");
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        Matcher row = firstRow(r.stdout());
        assertEquals(CHAIN, row.group(3), r.stdout());
        assertEquals(KEPT, Long.parseLong(row.group(1)), r.stdout());
        assertEquals(KEPT * OrderBook.ARRAY_BYTES, Long.parseLong(row.group(2)), r.stdout());
    }

    /** A lambda named as the profiles print it (no per-run address) finds the objects of both its classes. */
    @Test
    void byTheStableNameOfGeneratedClassesEveryOneOfThem() {
        String lambda = OrderBook.class.getName() + "$$Lambda";
        Command.Result r = CliJar.run("retainers", "-max_ms", "60000", address, lambda);
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        assertTrue(r.stdout().startsWith("retainers of " + lambda + " (2 loaded classes of this name; "), r.stdout());
        Matcher row = firstRow(r.stdout());
        assertEquals("static " + OrderBook.class.getName() + ".ON_FILL -> java.util.ArrayList.elementData"
                + " -> java.lang.Object[] -> " + lambda, row.group(3), r.stdout());
        // every object of both classes counts; the method reference's one instance is also held
        // where the JVM links its call site, and the walk may reach it there first
        assertTrue(r.stdout().contains(": " + (OrderBook.HOOKS + 1) + " objects of the class"), r.stdout());
        long objects = Long.parseLong(row.group(1));
        assertTrue(objects == OrderBook.HOOKS || objects == OrderBook.HOOKS + 1, r.stdout());
    }

    @Test
    void aGarbageSiteAndAnAbsentClassSayNoChainWithExitOne() {
        Command.Result garbage = CliJar.run("retainers", "-site", "OrderBook\\.quote\\(", address);
        assertEquals(1, garbage.exitCode(), garbage.stderr() + garbage.stdout());
        assertTrue(garbage.stdout().contains(": 0 of "), garbage.stdout()); // sampled, none reached
        assertTrue(garbage.stdout().contains("no chain: none of these sampled objects is reachable from a GC root"),
                garbage.stdout());
        assertFalse(Retainers.Report.ROW.matcher(garbage.stdout()).find(), garbage.stdout());

        Command.Result absent = CliJar.run("retainers", address, OrderBook.class.getName() + "$Never");
        assertEquals(1, absent.exitCode(), absent.stderr() + absent.stdout());
        assertTrue(absent.stdout().contains("no chain: no live object of this class"), absent.stdout());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
        assertOneLine(CliJar.run("retainers", "-site", "NoSuchMethodAnywhere", address),
                "HTTP 404: no sampled allocation site has a frame matching 'NoSuchMethodAnywhere'");
        assertOneLine(CliJar.run("retainers", "-site", "record(", address), "HTTP 400: site= is not a regular expression");
        assertOneLine(CliJar.run("retainers", "127.0.0.1:" + closed, "long[]"),
                "http://127.0.0.1:" + closed + "/debug/pprof/heap/retainers?class=long%5B%5D: cannot connect");
    }

    private static Matcher firstRow(String text) {
        Matcher m = Retainers.Report.ROW.matcher(text);
        assertTrue(m.find(), "no chain in:\n" + text);
        return m;
    }

    private static void assertOneLine(Command.Result r, String expected) {
        assertEquals(2, r.exitCode(), r.stderr() + r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("pprof4j: ") && r.stderr().contains(expected), r.stderr());
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r.stderr());
        assertEquals("", r.stdout());
    }
}
