package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Java thread dumps as text, read as a goroutine profile ({@link GoroutineGroups}): jstack's
 * and {@code jcmd Thread.print}'s ({@code "main" #1 prio=5 ...}, a
 * {@code java.lang.Thread.State:} line, {@code at pkg.Class.method(File.java:12)} frames) and
 * {@code jcmd Thread.dump_to_file}'s plain text (JDK 21+: {@code #1 "main"}, the state after
 * the name from JDK 25, virtual threads included). Threads without a Java stack entry number
 * (the VM's own: GC, compiler) are not counted, as the agent's goroutine profile does not
 * count them. Frames are named by the agent's {@link ProfileBuilder}, so a dump lines up
 * with the agent's goroutine profile under {@code -base}.
 */
final class JavaThreadDumpReader {
    private JavaThreadDumpReader() {
    }

    /** jstack/Thread.print: a "Full thread dump" line among the first; dump_to_file: a pid, then a "#N "name"" thread. */
    static boolean sniff(String head) {
        TextLines lines = new TextLines(head);
        int seen = 0;
        boolean pidFirst = false;
        while (lines.next() && seen < 8) {
            String line = lines.line().strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Full thread dump ")) {
                return true;
            }
            if (seen == 0) {
                pidFirst = !line.isEmpty() && line.chars().allMatch(Character::isDigit);
            }
            if (pidFirst && isDumpToFileThread(line)) {
                return true;
            }
            seen++;
        }
        return false;
    }

    private static boolean isJstackThread(String line) {
        int close = line.indexOf("\" #", 1);
        return line.startsWith("\"") && close > 0 && close + 3 < line.length()
                && Character.isDigit(line.charAt(close + 3));
    }

    private static boolean isDumpToFileThread(String line) {
        int i = 1;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return line.startsWith("#") && i > 1 && line.startsWith(" \"", i);
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count"));
        Profile profile = builder.build();
        profile.timeNanos = 0; // the builder's clock says when we read the dump, not when it was taken
        GoroutineGroups groups = new GoroutineGroups(profile, heap);
        TextLines lines = new TextLines(text);
        boolean inThread = false;
        String state = "";
        List<Location> stack = new ArrayList<>();
        while (true) {
            boolean more = lines.next();
            String raw = lines.line();
            String line = raw.strip();
            boolean jstack = isJstackThread(line);
            boolean dumpToFile = !jstack && isDumpToFileThread(line);
            boolean otherThread = !jstack && !dumpToFile && raw.startsWith("\"");
            if (!more || jstack || dumpToFile || otherThread || line.startsWith("JNI global ref")) {
                if (inThread) {
                    groups.add(stack, state, -1, "");
                }
                if (!more) {
                    break;
                }
                inThread = jstack || dumpToFile;
                stack = new ArrayList<>();
                state = dumpToFile ? dumpToFileState(line) : "";
                continue;
            }
            if (!inThread) {
                continue;
            }
            if (line.startsWith("java.lang.Thread.State: ")) {
                state = line.substring("java.lang.Thread.State: ".length());
                int space = state.indexOf(' ');
                state = space > 0 ? state.substring(0, space) : state;
                continue;
            }
            String frame = line.startsWith("at ") ? line.substring(3) : line;
            Location loc = frame(builder, frame);
            if (loc != null) {
                stack.add(loc);
            }
        }
        if (groups.size() == 0) {
            throw new ProfileFormatException("parsing Java thread dump: no Java thread in it");
        }
        return profile;
    }

    /** JDK 25's {@code #3 "main" TIMED_WAITING 2026-...}: the word after the name; "" before 25. */
    private static String dumpToFileState(String line) {
        int close = line.lastIndexOf('"');
        String[] after = line.substring(close + 1).strip().split(" ");
        String word = after.length > 0 ? after[0] : "";
        return !word.isEmpty() && word.chars().allMatch(c -> c == '_' || Character.isUpperCase(c)) ? word : "";
    }

    /**
     * {@code [module[@version]/]pkg.Class.method(Source)}, where Source is {@code File.java:12},
     * {@code File.java}, {@code Native Method} or {@code Unknown Source}, itself maybe after a
     * {@code module@version/}; null for a line that is no frame ({@code - locked <0x...>}).
     */
    static Location frame(ProfileBuilder builder, String text) {
        int open = text.indexOf('(');
        if (open <= 0 || !text.endsWith(")") || text.startsWith("-")) {
            return null;
        }
        String qualified = text.substring(0, open);
        if (qualified.indexOf(' ') >= 0) {
            return null;
        }
        int slash = qualified.indexOf('/');
        // a module prefix, unless the slash is a hidden class's (Foo$$Lambda/0x...)
        if (slash >= 0 && !qualified.startsWith("0x", slash + 1)) {
            qualified = qualified.substring(slash + 1);
        }
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            return null;
        }
        String source = text.substring(open + 1, text.length() - 1);
        source = source.substring(source.lastIndexOf('/') + 1);
        String file = null;
        int line = 0;
        if (!source.equals("Native Method") && !source.equals("Unknown Source")) {
            int colon = source.lastIndexOf(':');
            file = colon > 0 ? source.substring(0, colon) : source;
            if (colon > 0) {
                try {
                    line = Integer.parseInt(source.substring(colon + 1));
                } catch (NumberFormatException e) {
                    line = 0;
                }
            }
        }
        return builder.location(qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
    }
}
