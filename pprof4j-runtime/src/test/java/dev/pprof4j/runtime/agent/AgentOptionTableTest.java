package dev.pprof4j.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.Pprof4j;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent's one table of options: the docs show it, every bad value stops the start in one line. */
class AgentOptionTableTest {
    private static final Path RUNTIME_MD = Path.of("..", "docs", "RUNTIME.md");
    private static final String BEGIN = "<!-- agent options: begin -->\n";
    private static final String END = "<!-- agent options: end -->";

    /** A bad value of every option that has one, with the options it needs beside it. */
    static final Map<String, String> BAD = new TreeMap<>(Map.ofEntries(
            Map.entry("port", "port=65536"),
            Map.entry("host", "host=no-such-host.invalid"),
            Map.entry("tokenfile", "tokenfile=/nonexistent/pprof4j-token"),
            Map.entry("maxseconds", "maxseconds=0"),
            Map.entry("stwbudget", "stwbudget=0"),
            Map.entry("maxrequests", "maxrequests=1"),
            Map.entry("cpuengine", "cpuengine=perf"),
            Map.entry("cpuevent", "cpuevent=cycles"),
            Map.entry("memprofilerate", "memprofilerate=-5"),
            Map.entry("memprofilebudget", "memprofilebudget=51"),
            Map.entry("profstackdepth", "profstackdepth=999"),
            Map.entry("blockprofilerate", "blockprofilerate=-1"),
            Map.entry("mutexprofilefraction", "mutexprofilefraction=1e3"),
            Map.entry("contentionengine", "contentionengine=lock"),
            Map.entry("events", "events=no"),
            Map.entry("history", "history=500ms"),
            Map.entry("historysize", "historysize=10001"),
            Map.entry("historybytes", "historybytes=1KiB"),
            Map.entry("historyhistograms", "historyhistograms=1"),
            Map.entry("pyroscope", "pyroscope=ftp://pyroscope:4040,app=checkout"),
            Map.entry("app", "pyroscope=http://127.0.0.1:4040,app=check out"),
            Map.entry("pushinterval", "pyroscope=http://127.0.0.1:4040,app=a,pushinterval=1h"),
            Map.entry("labels", "pyroscope=http://127.0.0.1:4040,app=a,labels=env"),
            Map.entry("pushapi", "pyroscope=http://127.0.0.1:4040,app=a,pushapi=grpc"),
            Map.entry("pyroscopetokenfile", "pyroscope=http://127.0.0.1:4040,app=a,pyroscopetokenfile=/nonexistent/t"),
            Map.entry("pyroscopeuser", "pyroscope=http://127.0.0.1:4040,app=a,pyroscopeuser=u"),
            Map.entry("pyroscopepasswordfile",
                    "pyroscope=http://127.0.0.1:4040,app=a,pyroscopeuser=u,pyroscopepasswordfile=/nonexistent/p"),
            Map.entry("pyroscopetenant", "pyroscope=http://127.0.0.1:4040,app=a,pyroscopetenant=a b")));
    /** Options whose every value is acceptable on its own: secrets and names. */
    static final Set<String> FREE_TEXT = Set.of("token", "allowhosts");

    @Test
    void runtimeDocsShowTheTable() throws IOException {
        String doc = Files.readString(RUNTIME_MD);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/RUNTIME.md has lost its markers " + BEGIN.trim() + " and " + END);
        String shown = doc.substring(begin + BEGIN.length(), end);
        String table = AgentOptionTable.markdown();
        if (Boolean.getBoolean("pprof4j.updateDocs")) {
            Files.writeString(RUNTIME_MD, doc.substring(0, begin + BEGIN.length()) + table + doc.substring(end));
            return;
        }
        assertEquals(table, shown, "docs/RUNTIME.md's options table differs from AgentOptionTable; rerun this test"
                + " with -Dpprof4j.updateDocs=true to regenerate it");
    }

    @Test
    void everyOptionHasABadValueOrIsFreeText() {
        Set<String> covered = new TreeSet<>(BAD.keySet());
        covered.addAll(FREE_TEXT);
        Set<String> known = new TreeSet<>();
        AgentOptionTable.ALL.forEach(option -> known.add(option.name()));
        assertEquals(known, covered, "add a bad value to BAD for each new option");
        assertEquals(known.size(), AgentOptionTable.ALL.size(), "an option is listed twice");
    }

    static Iterable<String> badOptions() {
        return BAD.keySet();
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void everyBadValueStopsTheStartInOneLineNamingIt(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(BAD.get(name)));
        assertTrue(e.getMessage().startsWith(name + "="), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void defaultsAreWhatTheirParsersMakeOfTheirText() {
        for (AgentOption<?> option : AgentOptionTable.ALL) {
            if (option.defaultValue() != null && !option.defaultText().startsWith("none")) {
                assertEquals(option.defaultValue(), option.parse(option.defaultText()), option.name());
            }
        }
    }

    /** What issue 20 found: a bad rate started the agent with the JFR fallback instead of stopping it. */
    @Test
    void aBadHeapRateStopsTheAgentBeforeAnythingStarts() {
        String before = System.getProperty(Pprof4j.ADDRESS_PROPERTY);
        for (String rate : new String[] {"abc", "-5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Pprof4j.start("port=0,memprofilerate=" + rate));
            assertEquals("memprofilerate=" + rate + " is not a number of bytes from 0 to 2147483647"
                    + " (0 turns heap sampling off)", e.getMessage());
        }
        assertEquals(before, System.getProperty(Pprof4j.ADDRESS_PROPERTY), "nothing started serving");
    }
}
