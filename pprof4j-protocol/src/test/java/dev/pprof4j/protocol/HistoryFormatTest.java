package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryFormatTest {
    @Test
    void knowsItsOwnHeaderOnly() {
        assertTrue(HistoryFormat.isHeader(HistoryFormat.HEADER));
        assertFalse(HistoryFormat.isHeader("pprof4j-history 2"));
        assertFalse(HistoryFormat.isHeader("goroutine profile: total 3"));
        assertTrue(HistoryFormat.notAHistory().contains(HistoryFormat.HEADER));
    }
}
