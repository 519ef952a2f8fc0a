package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
    @Test
    void readsBackWhatTheWriterWrites() {
        String name = "quote \" backslash \\ tab \t newline \n bell \u0007 é";
        String text = new JsonWriter().beginObject()
                .field("cmdline", name)
                .field("NumGC", 42)
                .field("Min", Long.MIN_VALUE)
                .name("history").beginObject().field("Enabled", 1)
                .name("Snapshots").beginArray()
                .beginObject().field("Time", "2026-12-07T05:00:00Z").field("AgeMs", 1500).endObject()
                .beginObject().field("Time", "2026-12-07T05:01:00Z").field("AgeMs", 0).endObject()
                .endArray().endObject()
                .name("empty").beginArray().endArray()
                .endObject().toString();
        Map<String, Object> vars = JsonReader.object(text);
        assertEquals(name, vars.get("cmdline"));
        assertEquals(42L, vars.get("NumGC"));
        assertEquals(Long.MIN_VALUE, vars.get("Min"));
        assertEquals(List.of(), vars.get("empty"));
        @SuppressWarnings("unchecked")
        Map<String, Object> history = (Map<String, Object>) vars.get("history");
        assertEquals(1L, history.get("Enabled"));
        assertEquals(List.of(Map.of("Time", "2026-12-07T05:00:00Z", "AgeMs", 1500L),
                Map.of("Time", "2026-12-07T05:01:00Z", "AgeMs", 0L)), history.get("Snapshots"));
        assertEquals(1500, JsonReader.number((Map<String, Object>) ((List<?>) history.get("Snapshots")).get(0), "AgeMs", -1));
        assertEquals(-1, JsonReader.number(history, "Missing", -1));
    }

    @Test
    void readsWhatGoWrites() {
        Object value = JsonReader.read(" {\"a\": [1.5, -2e3, true, false, null, \"\\u00e9\\/\"], \"b\": 18446744073709551615}\n");
        assertEquals(Map.of("a", java.util.Arrays.asList(1.5, -2000.0, true, false, null, "é/"),
                "b", 1.8446744073709552E19), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"open", "tru", "01x", "{} {}", "[\"\\x\"]",
        "\"\\u12\"", "-", "{a:1}"})
    void refusesWhatIsNotJsonInOneLine(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.read(text));
        assertTrue(e.getMessage().startsWith("JSON at character "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.read(deep));
        assertTrue(e.getMessage().contains("nested deeper than " + JsonReader.MAX_DEPTH), e.getMessage());
    }
}
