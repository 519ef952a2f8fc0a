package dev.pprof4j.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void defaultsBindLoopback6060WithoutToken() {
        AgentOptions options = AgentOptions.parse(null);
        assertEquals("127.0.0.1", options.host());
        assertEquals(6060, options.port());
        assertNull(options.token());
        assertEquals(300, options.maxSeconds());
        assertEquals(dev.pprof4j.runtime.collect.heap.HeapSampler.DEFAULT_MAX_DEPTH, options.profStackDepth());
        assertEquals(AgentOptions.parse("").port(), AgentOptions.parse(" , ").port());
    }

    @Test
    void parsesKeysCaseInsensitivelyAndHidesTheToken() {
        AgentOptions options = AgentOptions.parse("PORT=0,host=0.0.0.0,token=s3cret,maxSeconds=20");
        assertEquals(0, options.port());
        assertEquals("0.0.0.0", options.host());
        assertEquals("s3cret", options.token());
        assertEquals(20, options.maxSeconds());
        assertEquals(128, AgentOptions.parse("profstackdepth=128").profStackDepth());
        assertEquals(0.005, AgentOptions.defaults().memProfileBudget());
        assertEquals(0.02, AgentOptions.parse("memprofilebudget=2%").memProfileBudget(), 1e-12);
        assertEquals(0.0, AgentOptions.parse("memprofilebudget=0").memProfileBudget());
        // A rate asked for is kept fixed unless a budget is asked for too.
        assertEquals(0.0, AgentOptions.parse("memprofilerate=65536").memProfileBudget());
        assertEquals(0.01, AgentOptions.parse("memprofilerate=65536,memprofilebudget=1").memProfileBudget(), 1e-12);
        assertTrue(options.toString().contains("token=***"), options.toString());
        assertEquals(7000, options.with("port", "7000").port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port=70000|port=70000 is not a number from 0 to 65535",
        "port=x|port=x is not a number from 0 to 65535",
        "colour=blue|unknown option 'colour'; known options: ",
        "port|option 'port' is not key=value",
        "host=0.0.0.0|host=0.0.0.0 is not a loopback address: set token=<secret>",
        "maxseconds=0|maxseconds=0 is not a number from 1 to 86400",
        "events=maybe|events=maybe is not on or off",
        "profstackdepth=0|profstackdepth=0 is not a number from 1 to 256",
        "profstackdepth=257|profstackdepth=257 is not a number from 1 to 256",
        "memprofilebudget=60|memprofilebudget=60 is not a per cent of CPU from 0 to 50",
        "memprofilebudget=NaN|memprofilebudget=NaN is not a per cent of CPU from 0 to 50",
        "memprofilebudget=half|memprofilebudget=half is not a per cent of CPU from 0 to 50",
    })
    void refusesBadOptionsWithOneLine(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
