package dev.pprof4j.runtime.collect.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table reads JFR's thread starts and ends in whatever order the stream delivers them. */
class CreatedByTableTest {
    private static final List<StackTraceElement> STACK = List.of(new StackTraceElement("Pool", "grow", "Pool.java", 7));

    @Test
    void aStartedThreadIsKnownUntilItEnds() {
        CreatedByTable table = new CreatedByTable();
        table.started(42, "main", STACK);
        assertNotNull(table.creation(42));
        assertEquals(STACK, table.creation(42).stack());
        table.ended(42);
        assertNull(table.creation(42));
        assertEquals(0, table.size());
    }

    @Test
    void anEndSeenBeforeItsStartLeavesNoEntry() {
        CreatedByTable table = new CreatedByTable();
        table.ended(7);
        table.started(7, "main", STACK);
        assertNull(table.creation(7));
        assertEquals(0, table.size());
        table.started(8, "main", STACK); // another thread is unaffected
        assertNotNull(table.creation(8));
    }

    @Test
    void endsOfThreadsNeverSeenAreForgottenInTime() {
        CreatedByTable table = new CreatedByTable();
        table.ended(1); // a thread that started before the agent
        for (long id = 100; id < 100 + 5_000; id++) {
            table.ended(id);
        }
        // Thread 1's end is long evicted: a start for that id (the ids are never reused, so
        // this only checks the bound) is kept.
        table.started(1, "main", STACK);
        assertNotNull(table.creation(1));
    }
}
