package dev.pprof4j.report.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonParserTest {
    @Test
    void readsValues() throws Exception {
        Object v = JsonParser.parse(" {\"a\": [1, -2.5e3, \"x\\\"\\u00e9\\/\"], \"b\": {\"c\": null, \"d\": true}} ");
        assertEquals(Map.of("a", List.of(1.0, -2500.0, "x\"é/"), "b", new java.util.HashMap<>(Map.of("d", true)) {{
            put("c", null);
        }}), v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1,", "{\"a\" 1}", "[1] x", "\"open", "[tru]", "[1.2.3]", "{1:2}"})
    void refusesMalformedInputWithAnOffset(String text) {
        GateInputException e = assertThrows(GateInputException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
    }

    @Test
    void refusesDeepNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000);
        GateInputException e = assertThrows(GateInputException.class, () -> JsonParser.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
    }
}
