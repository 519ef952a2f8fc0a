package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void noArgumentsPrintsTheUsageOnStderrAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("-top") && r.stderr().lines().count() > 10, r.stderr());
        CliRun help = CliRun.of("help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("-top"), help.stdout());
    }

    @Test
    void dashDashVersionIsTheVersionCommand() {
        for (String flag : new String[] {"--version", "-version"}) {
            CliRun r = CliRun.of(flag);
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().startsWith("pprof4j "), r.stdout());
        }
    }

    @Test
    void aMistypedSubcommandIsNamedNotTakenForAFile() {
        CliRun r = CliRun.of("leak", "127.0.0.1:6060");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals("pprof4j: unknown command 'leak'; did you mean 'leaks'? (see pprof4j -help)", r.stderr().strip());
        assertEquals("pprof4j: unknown command 'atach'; did you mean 'attach'? (see pprof4j -help)",
                CliRun.of("atach", "1").stderr().strip());
        // a name far from every subcommand is still a source that is not there
        CliRun file = CliRun.of("-top", "no-such-profile");
        assertEquals(1, file.exitCode(), file.stderr());
        assertTrue(file.stderr().contains("no-such-profile"), file.stderr());
    }

    @Test
    void aSubcommandRuns() {
        CliRun r = CliRun.of("version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("pprof4j ", r.stdout().substring(0, 8));
    }
}
