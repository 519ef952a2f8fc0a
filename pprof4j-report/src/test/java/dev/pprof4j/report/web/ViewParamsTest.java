package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportOption;
import dev.pprof4j.report.ReportOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web UI's URL parameters are the option table's: Go's URL names, checked and applied as the command line's. */
class ViewParamsTest {
    /** A value each kind of option takes. */
    private static String sample(ReportOption o) {
        return switch (o.kind()) {
            case BOOL -> "true";
            case INT -> "7";
            case FLOAT -> "0.25";
            case REGEX -> "main";
            case CHOICE -> o.name().equals("sort") ? "cum" : "lines";
            case STRING -> o.name().startsWith("tag") ? "64B" : o.name().equals("unit") ? "kB" : "alloc_space";
        };
    }

    @Test
    void everyGoUrlNameOfTheTableIsAppliedOrRefusedByName() {
        int applied = 0;
        for (ReportOption o : ReportOptions.ALL) {
            if (o.urlParam() == null) {
                continue;
            }
            String query = o.urlParam() + "=" + sample(o);
            if (ViewParams.REFUSED.containsKey(o.name())) {
                ViewParams.BadRequest e = assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse(query));
                assertTrue(e.getMessage().startsWith(o.urlParam() + "= (go tool pprof's -" + o.name() + ")"), e.getMessage());
                continue;
            }
            ViewParams params = ViewParams.parse(query);
            if (!o.name().equals("nodecount")) { // per view: the graph reads it
                assertEquals(sample(o), params.config().get(o.name()), query);
                assertTrue(params.query().contains(ViewParams.key(o) + "="), query + " -> " + params.query());
            }
            applied++;
        }
        assertTrue(applied >= 20, "options applied: " + applied);
    }

    @Test
    void goNamesAndTableNamesAreTheSameSetting() {
        ReportConfig byGo = ViewParams.parse("f=Shop&i=Cache&tf=64B&sf=main&dropneg=t&rel=1&g=files&si=alloc_space").config();
        ReportConfig byName = ViewParams.parse("focus=Shop&ignore=Cache&tagfocus=64B&show_from=main&drop_negative=true"
                + "&relative_percentages=true&granularity=files&si=alloc_space").config();
        for (ReportOption o : ReportOptions.ALL) {
            assertEquals(byName.get(o.name()), byGo.get(o.name()), o.name());
        }
        assertEquals(Map.of("focus", "Shop", "tagfocus", "64B", "drop_negative", "true", "granularity", "files"),
                Map.of("focus", byGo.focus, "tagfocus", byGo.tagFocus, "drop_negative", String.valueOf(byGo.dropNegative),
                        "granularity", byGo.get("granularity")));
    }

    @Test
    void badValuesAreRefusedAsTheCommandLineRefusesThem() {
        assertEquals("invalid value for nodefraction: 'x' is not a number",
                assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse("nf=x")).getMessage());
        assertEquals("trim=maybe is not true or false",
                assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse("trim=maybe")).getMessage());
        assertTrue(assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse("sf=(")).getMessage()
                .startsWith("parsing show_from regexp"));
        assertTrue(assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse("g=addresses")).getMessage()
                .contains("addresses is not supported here"));
        assertEquals("intel= (go tool pprof's -intel_syntax) is not supported by pprof4j",
                assertThrows(ViewParams.BadRequest.class, () -> ViewParams.parse("intel=true")).getMessage());
    }
}
