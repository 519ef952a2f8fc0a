package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class SubcommandsTest {
    @Test
    void eachNameIsTheOneItsCommandAnnotationGives() {
        for (Subcommands.Entry e : Subcommands.ALL) {
            Command cmd = e.type().getAnnotation(Command.class);
            assertNotNull(cmd, e.type() + " has no @Command");
            assertEquals(cmd.name(), e.name(), e.type().getName());
            assertEquals(e.type(), Subcommands.byName(e.name()));
        }
        assertNull(Subcommands.byName("-top"));
    }

    @Test
    void aSubcommandsBadArgumentIsOneLineAndExitsTwo() {
        CliRun r = CliRun.of("version", "--no-such-option");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
    }

    @Test
    void aSubcommandRuns() {
        CliRun r = CliRun.of("version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("pprof4j ", r.stdout().substring(0, 8));
    }
}
