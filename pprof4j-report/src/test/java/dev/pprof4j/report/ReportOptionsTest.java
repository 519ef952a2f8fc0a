package dev.pprof4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Granularity;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one table of report options and {@link ReportConfig}, which reads its defaults and values from it. */
class ReportOptionsTest {
    @Test
    void aFreshConfigHoldsEveryDefaultOfTheTable() {
        ReportConfig c = new ReportConfig();
        for (ReportOption o : ReportOptions.ALL) {
            assertEquals(o.defaultValue(), c.get(o.name()), o.name());
        }
        // go tool pprof's defaultConfig, as the reports read it
        assertEquals(-1, c.nodeCount);
        assertEquals(0.005, c.nodeFraction);
        assertEquals(0.001, c.edgeFraction);
        assertTrue(c.trim && c.inlines && !c.cumSort);
        assertEquals(Granularity.FUNCTIONS, c.granularity);
        assertEquals("minimum", c.unit);
    }

    @Test
    void everyOptionIsSetAndReadBackByName() {
        ReportConfig c = new ReportConfig();
        for (ReportOption o : ReportOptions.ALL) {
            String value = switch (o.kind()) {
                case BOOL -> o.defaultValue().equals("true") ? "false" : "true";
                case INT -> "17";
                case FLOAT -> "0.25";
                case REGEX, STRING -> "x.y";
                case CHOICE -> o.choices().get(o.choices().size() - 1);
            };
            c.set(o.name(), value);
            assertEquals(value, c.get(o.name()), o.name());
            assertEquals(value, c.copy().get(o.name()), o.name() + " in a copy");
        }
    }

    @Test
    void namesAndUrlParametersAreUniqueAndChoicesAreSwitches() {
        Set<String> names = new HashSet<>();
        Set<String> params = new HashSet<>();
        for (ReportOption o : ReportOptions.ALL) {
            assertTrue(names.add(o.name()), o.name());
            assertTrue(o.urlParam() == null || params.add(o.urlParam()), o.urlParam());
            for (String choice : o.choices()) {
                assertTrue(names.add(choice), choice);
                assertNotNull(ReportOptions.choiceHelp(choice));
            }
        }
        ReportConfig c = new ReportConfig();
        c.set("cum", "true");
        c.set("lines", "true");
        assertEquals("cum", c.get("sort"));
        assertEquals("lines", c.get("granularity"));
        assertEquals("sample_index", ReportOptions.byUrlParam("si").name());
        assertEquals("show_from", ReportOptions.byUrlParam("sf").name());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        ReportConfig c = new ReportConfig();
        assertEquals("invalid value for nodecount: 'ten' is not a whole number (32 bits)",
                assertThrows(IllegalArgumentException.class, () -> c.set("nodecount", "ten")).getMessage());
        assertEquals("trim takes true or false, not 'yes'",
                assertThrows(IllegalArgumentException.class, () -> c.set("trim", "yes")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.set("focus", "(")).getMessage()
                .startsWith("parsing focus regexp: "));
        assertEquals("unknown option nosuch", assertThrows(IllegalArgumentException.class, () -> c.set("nosuch", "1")).getMessage());
    }
}
