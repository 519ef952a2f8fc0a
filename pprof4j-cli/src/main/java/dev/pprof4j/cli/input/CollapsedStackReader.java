package dev.pprof4j.cli.input;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.StackInterner;
import dev.pprof4j.profile.ValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads collapsed (folded) stacks, the format of flamegraph.pl, async-profiler's
 * {@code collapsed} output and many others: one stack per line, frames root first separated
 * by {@code ;}, then a space and a count ({@code main;work;sort 12}). Equal stacks on
 * several lines add up. Frame names are taken as written (async-profiler's {@code _[j]}
 * type suffixes included); there are no file names or lines in this format.
 */
public final class CollapsedStackReader {
    /** Longer lines are refused rather than held: no real stack is a megabyte deep. */
    static final int MAX_LINE = 1 << 20;

    private CollapsedStackReader() {
    }

    /** Whether the text looks like collapsed stacks: its first line ends in a space and a number. */
    public static boolean looksCollapsed(String firstLine) {
        int space = firstLine.lastIndexOf(' ');
        if (space <= 0 || space == firstLine.length() - 1) {
            return false;
        }
        for (int i = space + 1; i < firstLine.length(); i++) {
            if (!Character.isDigit(firstLine.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static Profile read(BufferedReader in, String source) throws IOException {
        Profile profile = new Profile();
        profile.sampleTypes.add(new ValueType("samples", "count"));
        profile.comments.add("converted from collapsed stacks by pprof4j");
        StackInterner interner = new StackInterner(profile, source);
        long lineNumber = 0;
        StringBuilder line = new StringBuilder();
        while (readLine(in, line, source, lineNumber + 1)) {
            lineNumber++;
            String text = line.toString().strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int space = text.lastIndexOf(' ');
            long count;
            try {
                count = space < 0 ? -1 : Long.parseLong(text.substring(space + 1));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw new ProfileFormatException("parsing collapsed stacks: line " + lineNumber
                        + " is not \"frame;frame;... COUNT\"");
            }
            String[] frames = text.substring(0, space).strip().split(";");
            List<Location> leafFirst = new ArrayList<>(frames.length);
            for (int i = frames.length - 1; i >= 0; i--) {
                String name = frames[i].isEmpty() ? "[unknown]" : frames[i];
                leafFirst.add(interner.location(interner.function(name, ""), 0));
            }
            interner.sample(leafFirst).values[0] += count;
        }
        // Addresses per frame, as the agent serves, for address-keyed tools reading the -proto output.
        return new FrameAddresses(Integer.MAX_VALUE).assign(profile);
    }

    private static boolean readLine(BufferedReader in, StringBuilder line, String source, long lineNumber)
            throws IOException {
        line.setLength(0);
        int ch;
        while ((ch = in.read()) >= 0) {
            if (ch == '\n') {
                return true;
            }
            if (line.length() == MAX_LINE) {
                throw new ProfileFormatException("parsing collapsed stacks: line " + lineNumber + " is longer than "
                        + MAX_LINE + " characters; is this really a collapsed-stack file?");
            }
            line.append((char) ch);
        }
        return line.length() > 0;
    }
}
