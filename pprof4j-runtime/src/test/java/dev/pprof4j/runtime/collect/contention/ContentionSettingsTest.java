package dev.pprof4j.runtime.collect.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.collect.CollectorSet;
import org.junit.jupiter.api.Test;

/** The block and mutex options, with Go's meaning, and the engine choice they make. */
class ContentionSettingsTest {
    @Test
    void defaultsAndGoValues() {
        ContentionSettings defaults = ContentionSettings.from(AgentOptions.parse("port=0"));
        assertEquals(ContentionSettings.DEFAULT_BLOCK_RATE, defaults.blockRate());
        assertEquals(ContentionSettings.DEFAULT_MUTEX_FRACTION, defaults.mutexFraction());
        assertEquals("auto", defaults.engine());
        assertEquals(ContentionSettings.DEFAULT_HOLDERS_PER_SECOND, defaults.holdersPerSecond(),
                "the default fraction limits the holders' stacks a second");
        ContentionSettings set = ContentionSettings.from(
                AgentOptions.parse("blockprofilerate=1,mutexprofilefraction=0,contentionengine=JFR"));
        assertEquals(1, set.blockRate());
        assertEquals(0, set.mutexFraction());
        assertEquals(0, set.holdersPerSecond(), "a fraction asked for is kept whatever it costs, as in Go");
        assertEquals("jfr", set.engine());
    }

    @Test
    void badValuesStopTheAgentWithOneLine() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("blockprofilerate=10ms"));
        assertTrue(rate.getMessage().startsWith("blockprofilerate=10ms is not a whole number"), rate.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("mutexprofilefraction=-1"));
        assertTrue(fraction.getMessage().contains("SetMutexProfileFraction"), fraction.getMessage());
        IllegalArgumentException engine = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("contentionengine=async"));
        assertEquals("contentionengine=async is not one of auto, jvmti, async-profiler, jfr", engine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContentionProfiles.View.parse("owner"));
    }

    @Test
    void theJfrEngineSaysItIsBiasedAgainstShortWaits() throws Exception {
        try (CollectorSet jfr = CollectorSet.start(AgentOptions.parse("port=0,memprofilerate=0,cpuengine=jfr,contentionengine=jfr"),
                null, false)) {
            Profile block = jfr.contention().block();
            assertTrue(String.join("\n", block.comments).contains("biased: waits shorter than 10 ms are missed"),
                    block.comments.toString());
            assertTrue(jfr.contention().engine().startsWith("jfr"), jfr.contention().engine());
            assertEquals(1, jfr.contention().mutexSamplingPeriod());
        }
    }
}
