package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static JsonWriter sample(JsonWriter json) {
        return json.beginObject()
                .name("leak").value(true)
                .name("p").value(0.05)
                .name("nan").value(Double.NaN)
                .name("inf").value(Double.NEGATIVE_INFINITY)
                .name("values").values(0, -3, Long.MAX_VALUE)
                .name("none").values()
                .field("site", "a\"b")
                .endObject();
    }

    @Test
    void compactHasNoSpacesAndDefaultIsSpacedAsGoExpvar() {
        assertEquals("{\"leak\":true,\"p\":0.05,\"nan\":null,\"inf\":null,\"values\":[0,-3,9223372036854775807],"
                + "\"none\":[],\"site\":\"a\\\"b\"}", sample(JsonWriter.compact()).toString());
        assertEquals("{\"leak\": true, \"p\": 0.05, \"nan\": null, \"inf\": null, \"values\": [0, -3, 9223372036854775807], "
                + "\"none\": [], \"site\": \"a\\\"b\"}", sample(new JsonWriter()).toString());
    }

    @Test
    void readerReadsBackDoublesBooleansAndArraysInBothSpacings() {
        for (JsonWriter json : List.of(JsonWriter.compact(), new JsonWriter())) {
            Map<String, Object> read = JsonReader.object(sample(json).toString());
            assertEquals(true, read.get("leak"));
            assertEquals(0.05, read.get("p"));
            assertEquals(null, read.get("nan"));
            assertEquals(List.of(0L, -3L, Long.MAX_VALUE), read.get("values"));
            assertEquals(Arrays.asList(), read.get("none"));
            assertEquals("a\"b", read.get("site"));
        }
    }

    @Test
    void aStringForAScriptElementCannotCloseItWhilePlainJsonKeepsItsCharacters() {
        String name = "</script><b>&\u2028\"\\\u0001";
        StringBuilder script = new StringBuilder();
        JsonWriter.quote(script, name, true);
        assertEquals("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\\"\\\\\\u0001\"", script.toString());
        StringBuilder plain = new StringBuilder();
        JsonWriter.quote(plain, name, false);
        assertEquals("\"</script><b>&\u2028\\\"\\\\\\u0001\"", plain.toString());
        assertEquals(name, JsonReader.read(script.toString()));
        assertEquals(name, JsonReader.read(plain.toString()));
    }
}
