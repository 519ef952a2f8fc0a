package shop;

import dev.pprof4j.junit.NoThreadLeaks;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test that closes its pool and one that leaks it: the second must fail. */
@NoThreadLeaks
class PoolTest {
    @BeforeAll
    static void sayWhichJunit() {
        System.out.println("on JUnit Jupiter " + Test.class.getPackage().getImplementationVersion());
    }

    @Test
    void closesItsPool() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.submit(() -> { });
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void leaksItsPool() {
        Executors.newFixedThreadPool(2).submit(() -> { });
    }
}
