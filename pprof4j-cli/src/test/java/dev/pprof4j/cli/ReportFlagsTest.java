package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportFlagsTest {
    private static ReportCommand parse(String... args) {
        ReportCommand c = new ReportCommand(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()));
        assertTrue(ReportFlags.parse(args, c), "help was not asked for");
        return c;
    }

    @Test
    void everyFlagInTheTableIsAppliedAndNamedOnce() {
        Set<String> names = new HashSet<>();
        for (ReportFlags.Flag f : ReportFlags.ALL) {
            for (String n : f.names()) {
                assertTrue(names.add(n), "-" + n + " is in the table twice");
            }
            if (f.name().equals(ReportFlags.HELP)) {
                continue;
            }
            ReportCommand c = parse();
            c.apply(f, f.isSwitch() ? "true" : f.name().equals("jfr_events") ? "cpu" : "1"); // throws IllegalStateException if apply() lacks it
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-nodecount=7", "--nodecount=7", "-nodecount 7", "--nodecount 7"})
    void aValueCanFollowAnEqualsSignOrComeNext(String form) {
        ReportCommand c = parse((form + " p.pb.gz").split(" "));
        assertEquals(7, c.settings.nodeCount);
        assertEquals(List.of("p.pb.gz"), c.sources);
    }

    @Test
    void flagsAndSourcesMixInAnyOrder() {
        ReportCommand c = parse("a.pb.gz", "-top", "-base", "b0", "b.pb.gz", "-o", "out.txt", "-cum",
                "-sample_index=inuse_space", "-base=b1", "-show=x=y", "--", "-strange-name");
        assertTrue(c.formats.containsKey("top"));
        assertTrue(c.settings.cumSort);
        assertEquals(Path.of("out.txt"), c.output);
        assertEquals("inuse_space", c.settings.sampleIndex);
        assertEquals("x=y", c.settings.show);
        assertEquals(List.of("b0", "b1"), c.base);
        assertEquals(List.of("a.pb.gz", "b.pb.gz", "-strange-name"), c.sources);
    }

    @Test
    void aSwitchTakesTrueOrFalseAfterAnEqualsSignOnly() {
        assertFalse(parse("-top", "-top=false").formats.containsKey("top"));
        assertTrue(parse("-trim=false").settings.trim == false);
        ReportCommand c = parse("-proto", "false");
        assertTrue(c.formats.containsKey("proto"));
        assertEquals(List.of("false"), c.sources);
        UsageError e = assertThrows(UsageError.class, () -> parse("-top=yes"));
        assertTrue(e.getMessage().contains("-top is a switch"), e.getMessage());
    }

    @Test
    void helpIsAskedForByAnyOfItsNames() {
        for (String h : new String[] {"-h", "-help", "--help", "--h"}) {
            ReportCommand c = new ReportCommand(System.out, System.err);
            assertFalse(ReportFlags.parse(new String[] {"-top", h}, c), h);
        }
    }

    @Test
    void theUsageListsEveryFlagAndSubcommand() {
        String usage = ReportFlags.usage();
        for (ReportFlags.Flag f : ReportFlags.ALL) {
            assertTrue(usage.contains("-" + f.name()) && usage.contains(f.help()), f.name());
        }
        for (String sub : Subcommands.names()) {
            assertTrue(usage.contains("  " + sub + " "), sub);
        }
    }

    @Test
    void badCommandLinesAreOneLineAndExitTwo() {
        String[][] cases = {
            {"-nosuchflag", "p.pb.gz"}, // unknown
            {"p.pb.gz", "-nodecount"}, // value missing
            {"-nodecount=ten", "p.pb.gz"}, // not a number
            {"-nodecount=99999999999", "p.pb.gz"}, // too big for an int
            {"-nodefraction=half", "p.pb.gz"},
            {"-jfr_events=cpu,wall", "r.jfr"}, // not a kind
            {"-jfr_events=", "r.jfr"}, // nothing
            {"-jfr_events=cpu,,alloc", "r.jfr"}, // an empty one
        };
        String kinds = "; give a comma-separated list of cpu, alloc, monitor, park, lock (monitor and park), all";
        String[] expect = {"unknown option '-nosuchflag'", "-nodecount needs a value (N)",
            "invalid value for -nodecount: 'ten'", "invalid value for -nodecount: '99999999999'",
            "invalid value for -nodefraction: 'half' is not a number",
            "invalid value for -jfr_events: 'wall' is not a JFR event kind" + kinds,
            "invalid value for -jfr_events: an empty name is not a JFR event kind" + kinds,
            "invalid value for -jfr_events: an empty name is not a JFR event kind" + kinds};
        for (int i = 0; i < cases.length; i++) {
            CliRun r = CliRun.of(cases[i]);
            assertEquals(2, r.exitCode(), r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().startsWith("pprof4j: " + expect[i]), r.stderr());
            assertTrue(r.stderr().strip().endsWith("(see pprof4j -help)"), r.stderr());
        }
    }

    @Test
    void jfrEventsNamesKindsAndGroupsOfThem() {
        assertEquals(java.util.EnumSet.allOf(dev.pprof4j.cli.input.JfrEventKind.class), parse("r.jfr").jfrEvents);
        assertEquals("[CPU]", parse("-jfr_events=cpu", "r.jfr").jfrEvents.toString());
        assertEquals("[MONITOR, PARK]", parse("-jfr_events", "lock", "r.jfr").jfrEvents.toString());
        assertEquals("[CPU, ALLOC, PARK]", parse("-jfr_events=park, alloc,cpu,park", "r.jfr").jfrEvents.toString());
        assertEquals("[CPU, ALLOC, MONITOR, PARK]", parse("-jfr_events=cpu,all", "r.jfr").jfrEvents.toString());
    }

    @Test
    void httpAllowHostTakesCommaSeparatedNamesAndRepeats() {
        assertEquals(List.of("profiles.example", "proxy.internal", "other.example"), parse("-http=:0",
                "-http_allow_host=profiles.example, proxy.internal", "-http_allow_host", "other.example", "p.pb.gz")
                .httpAllowHosts);
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        CliRun r = CliRun.of("-help");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(ReportFlags.usage(), r.stdout());
    }
}
