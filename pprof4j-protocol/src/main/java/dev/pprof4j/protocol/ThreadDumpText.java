package dev.pprof4j.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's thread dumps as text, read into {@link DumpedThread}s; the one reader of them for
 * the CLI (a dump given as a profile) and pprof4j-junit (the virtual threads of the test JVM).
 * Two layouts:
 * <ul>
 * <li>jstack's and {@code jcmd Thread.print}'s: {@code "main" #1 [123] prio=5 ...}, a
 *     {@code java.lang.Thread.State: WAITING (parking)} line, {@code at pkg.Class.method(
 *     java.base@25/File.java:12)} frames. Threads without a Java thread number (the VM's own:
 *     GC, compiler) are left out, as the agent's goroutine profile leaves them out.</li>
 * <li>{@code jcmd Thread.dump_to_file}'s and {@code HotSpotDiagnosticMXBean.dumpThreads}'s
 *     plain text (JDK 21+): a pid line, then per thread {@code #1 "main"} followed by
 *     {@code virtual} for a virtual thread and, from JDK 25, the state and a time; frames are
 *     {@link StackTraceElement#toString()}'s, after {@code at } from JDK 25. Virtual threads
 *     are listed here only.</li>
 * </ul>
 * Lines that are no frame ({@code - locked <0x...>}, {@code Locked ownable synchronizers:})
 * are skipped.
 */
public final class ThreadDumpText {
    private static final String STATE_LINE = "java.lang.Thread.State: ";

    private ThreadDumpText() {
    }

    /** jstack/Thread.print: a "Full thread dump" line among the first; dump_to_file: a pid, then a "#N "name"" thread. */
    public static boolean sniff(String head) {
        int seen = 0;
        boolean pidFirst = false;
        for (String raw : head.split("\\R", 64)) {
            if (seen >= 8) {
                break;
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Full thread dump ")) {
                return true;
            }
            if (seen == 0) {
                pidFirst = line.chars().allMatch(Character::isDigit);
            }
            if (pidFirst && dumpToFileNumberEnd(line) > 0) {
                return true;
            }
            seen++;
        }
        return false;
    }

    /** Every Java thread of the dump, in its order. */
    public static List<DumpedThread> read(String text) {
        List<DumpedThread> threads = new ArrayList<>();
        Header thread = null;
        List<StackTraceElement> stack = new ArrayList<>();
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            String line = raw.strip();
            Header header = Header.of(line);
            boolean otherThread = header == null && raw.startsWith("\"");
            if (header != null || otherThread || line.startsWith("JNI global ref")) {
                if (thread != null) {
                    threads.add(thread.with(stack));
                }
                thread = header;
                stack = new ArrayList<>();
                continue;
            }
            if (thread == null) {
                continue;
            }
            if (line.startsWith(STATE_LINE)) {
                String state = line.substring(STATE_LINE.length());
                int space = state.indexOf(' ');
                thread.state = space > 0 ? state.substring(0, space) : state;
                continue;
            }
            StackTraceElement frame = frame(line.startsWith("at ") ? line.substring(3) : line);
            if (frame != null) {
                stack.add(frame);
            }
        }
        if (thread != null) {
            threads.add(thread.with(stack));
        }
        return threads;
    }

    /**
     * {@code [loader/][module[@version]/]pkg.Class.method(Source)}, where Source is
     * {@code File.java:12}, {@code File.java}, {@code Native Method} or {@code Unknown Source},
     * itself maybe after jstack's {@code module@version/}; null for a line that is no frame
     * ({@code - locked <0x...>}). A hidden class keeps its {@code /0x...} suffix
     * ({@code a.Main$$Lambda/0x0000.run}), which {@link StableNames} removes when the frame is named.
     */
    public static StackTraceElement frame(String text) {
        int open = text.indexOf('(');
        if (open <= 0 || !text.endsWith(")") || text.startsWith("-")) {
            return null;
        }
        String qualified = text.substring(0, open);
        if (qualified.indexOf(' ') >= 0) {
            return null;
        }
        // the class loader's and module's prefix ends at the last slash that is not a hidden class's
        int slash = qualified.lastIndexOf('/');
        while (slash >= 0 && qualified.startsWith("0x", slash + 1)) {
            slash = qualified.lastIndexOf('/', slash - 1);
        }
        qualified = qualified.substring(slash + 1);
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            return null;
        }
        String source = text.substring(open + 1, text.length() - 1);
        source = source.substring(source.lastIndexOf('/') + 1);
        String file = null;
        int line = -1;
        if (source.equals("Native Method")) {
            line = -2;
        } else if (!source.equals("Unknown Source")) {
            int colon = source.lastIndexOf(':');
            file = colon > 0 ? source.substring(0, colon) : source;
            if (colon > 0) {
                try {
                    line = Integer.parseInt(source.substring(colon + 1));
                } catch (NumberFormatException e) {
                    line = -1;
                }
            }
        }
        return new StackTraceElement(qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
    }

    /** Where {@code #N} ends in a dump_to_file thread line {@code #N "name"...}, else -1. */
    private static int dumpToFileNumberEnd(String line) {
        int i = 1;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return line.startsWith("#") && i > 1 && line.startsWith(" \"", i) ? i : -1;
    }

    /** A thread number as the dumps print it; -1 for text that is no thread id. */
    public static long id(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A thread's first line, of either layout; its state may come later (jstack). */
    private static final class Header {
        final long id;
        final String name;
        final boolean virtual;
        String state;

        private Header(long id, String name, boolean virtual, String state) {
            this.id = id;
            this.name = name;
            this.virtual = virtual;
            this.state = state;
        }

        DumpedThread with(List<StackTraceElement> stack) {
            return new DumpedThread(id, name, state, virtual, stack);
        }

        /** The thread that {@code line} starts, or null. */
        static Header of(String line) {
            // jstack: "name" #12 [1234] daemon prio=5 ...; a name may hold quotes
            int close = line.indexOf("\" #", 1);
            if (line.startsWith("\"") && close > 0 && close + 3 < line.length()
                    && Character.isDigit(line.charAt(close + 3))) {
                int end = close + 3;
                while (end < line.length() && Character.isDigit(line.charAt(end))) {
                    end++;
                }
                return new Header(id(line.substring(close + 3, end)), line.substring(1, close), false, "");
            }
            // dump_to_file: #12 "name" [virtual] [STATE time]
            int numberEnd = dumpToFileNumberEnd(line);
            if (numberEnd < 0) {
                return null;
            }
            int lastQuote = line.lastIndexOf('"');
            if (lastQuote <= numberEnd + 1) {
                return null;
            }
            String[] after = line.substring(lastQuote + 1).strip().split(" ");
            boolean virtual = after[0].equals("virtual");
            String word = after.length > (virtual ? 1 : 0) ? after[virtual ? 1 : 0] : "";
            String state = !word.isEmpty() && word.chars().allMatch(c -> c == '_' || Character.isUpperCase(c)) ? word : "";
            return new Header(id(line.substring(1, numberEnd)), line.substring(numberEnd + 2, lastQuote),
                    virtual, state);
        }
    }
}
