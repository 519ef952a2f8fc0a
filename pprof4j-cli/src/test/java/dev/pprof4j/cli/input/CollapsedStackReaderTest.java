package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CollapsedStackReaderTest {

    private static Profile read(String text) throws IOException {
        return CollapsedStackReader.read(new BufferedReader(new StringReader(text)), "test.collapsed");
    }

    /** The profile back as collapsed stacks, root first, sorted. */
    private static Map<String, Long> collapse(Profile profile) {
        Map<String, Long> stacks = new TreeMap<>();
        for (Sample sample : profile.samples) {
            List<String> names = new ArrayList<>();
            for (Location location : sample.locations) {
                names.add(0, location.lines.get(0).function().name);
            }
            stacks.merge(String.join(";", names), sample.values[0], Long::sum);
        }
        return stacks;
    }

    @Test
    void equalStacksAddUpAndFramesMayHoldSpaces() throws IOException {
        Profile p = read("main;work;sort 3\nmain;work 2\n\n# comment\nmain;work;sort 4\nmain;Foo.<init> (inlined) 1\n");
        assertEquals(Map.of("main;work;sort", 7L, "main;work", 2L, "main;Foo.<init> (inlined)", 1L), collapse(p));
        assertEquals("samples", p.sampleTypes.get(0).type());
        assertEquals(3, p.samples.size());
        // Functions and locations are shared between stacks.
        assertEquals(4, p.functions.size());
    }

    @Test
    void aLineWithoutACountNamesItsLineNumber() {
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> read("a;b 1\na;b;c\n"));
        assertEquals("parsing collapsed stacks: line 2 is not \"frame;frame;... COUNT\"", e.getMessage());
    }

    @Test
    void recognisesTheFormatByItsFirstLine() {
        assertTrue(CollapsedStackReader.looksCollapsed("a;b;c 12"));
        assertFalse(CollapsedStackReader.looksCollapsed("a;b;c"));
        assertFalse(CollapsedStackReader.looksCollapsed("a;b;c 1x"));
    }
}
