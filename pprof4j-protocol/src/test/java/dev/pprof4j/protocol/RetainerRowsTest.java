package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetainerRowsTest {
    @Test
    void readsBackTheRowsItWrites() {
        List<String> chain = List.of("static com.example.Cache.ENTRIES", "java.util.HashMap.table",
                "java.util.HashMap$Node[]", "byte[]");
        String text = "retainers of byte[] (walked 10 objects)\n" + RetainerRows.header(false)
                + RetainerRows.row(6231, 368848, chain) + RetainerRows.row(1, 16, List.of("...", "byte[]"));
        List<RetainerRows.Row> rows = text.lines().map(RetainerRows::parse).flatMap(Optional::stream).toList();
        assertEquals(List.of(new RetainerRows.Row(6231, 368848, chain), new RetainerRows.Row(1, 16, List.of("...", "byte[]"))),
                rows);
        assertTrue(RetainerRows.hasRow(text));
    }

    @Test
    void headersAndReasonsAreNotRows() {
        assertFalse(RetainerRows.hasRow("retainers of x (walked 3 objects)\n" + RetainerRows.header(true)
                + "no chain: no live object of this class is reachable from a GC root\n"));
        assertEquals(Optional.empty(), RetainerRows.parse(RetainerRows.header(false).strip()));
    }
}
