package dev.pprof4j.report.leaks.parse;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Stack;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code goroutine?debug=2} dump: one block per thread, its stack, and the
 * {@code created by} stack after it, in Go's layout:
 *
 * <pre>
 * goroutine 41 [TIMED_WAITING]:
 * java.lang.Thread.sleep(...)
 * 	Thread.java:-2
 * shop.RpcClient.heartbeat(...)
 * 	RpcClient.java:31
 * created by shop.OrderHandler.handle in thread "http-1"
 * java.lang.Thread.start(...)
 * 	Thread.java:798
 * shop.RpcClient.&lt;init&gt;(...)
 * 	RpcClient.java:22
 * shop.OrderHandler.handle(...)
 * 	OrderHandler.java:14
 * </pre>
 *
 * Go writes one creating frame on the {@code created by} line; pprof4j writes a summary
 * there and the whole creating stack below it, or {@code created by unknown (why)}. Lines
 * indented by a tab are a frame's {@code file:line} or lock information. Blocks are
 * separated by blank lines.
 */
public final class ThreadDumpParser {
    private ThreadDumpParser() {
    }

    /** Receives each thread of a dump. */
    public interface Visitor {
        /**
         * @param name the thread's name ({@code ""} when the dump has none, as Go's)
         * @param createdBy the creating stack, {@link Stack#UNKNOWN} when absent
         */
        void thread(String name, Stack stack, Stack createdBy);
    }

    /** Calls {@code thread} with each thread's name, stack and creating stack. */
    public static void parse(String dump, Visitor thread) {
        List<Frame> stack = new ArrayList<>();
        List<Frame> createdBy = new ArrayList<>();
        boolean inBlock = false;
        String name = "";
        boolean inCreator = false;
        String pending = null;
        for (String raw : dump.split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("goroutine ")) {
                if (pending != null) {
                    (inCreator ? createdBy : stack).add(Frame.of(pending));
                    pending = null;
                }
                if (inBlock) {
                    thread.thread(name, new Stack(stack), new Stack(createdBy));
                }
                stack.clear();
                createdBy.clear();
                inCreator = false;
                inBlock = line.startsWith("goroutine ");
                name = inBlock ? name(line) : "";
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("\t") || line.startsWith(" ")) {
                String location = line.strip();
                if (pending != null) {
                    (inCreator ? createdBy : stack).add(withLocation(pending, location));
                    pending = null;
                }
                continue;
            }
            if (pending != null) {
                (inCreator ? createdBy : stack).add(Frame.of(pending));
            }
            if (line.startsWith("created by ")) {
                inCreator = true;
                String creator = line.substring("created by ".length());
                // pprof4j writes a summary, `created by f in thread "main"`, then the whole
                // creating stack; Go writes the one creating frame; "unknown" is no stack.
                pending = creator.startsWith("unknown") || creator.contains(" in thread \"") ? null : function(creator);
            } else {
                pending = function(line);
            }
        }
        if (pending != null) {
            (inCreator ? createdBy : stack).add(Frame.of(pending));
        }
        if (inBlock) {
            thread.thread(name, new Stack(stack), new Stack(createdBy));
        }
    }

    /** The quoted name after the header's state: {@code goroutine 41 [WAITING]: "rpc-1" daemon}. */
    static String name(String header) {
        int colon = header.indexOf("]:");
        int open = colon < 0 ? -1 : header.indexOf('"', colon);
        int close = open < 0 ? -1 : header.lastIndexOf('"');
        return close > open ? header.substring(open + 1, close) : "";
    }

    /** {@code pkg.Class.method(args)} or Go's {@code created by f in goroutine 7} to the bare name. */
    static String function(String line) {
        String f = line.strip();
        int in = f.indexOf(" in goroutine ");
        if (in >= 0) {
            f = f.substring(0, in);
        }
        if (f.endsWith(")")) {
            int open = f.lastIndexOf('(');
            if (open > 0) {
                f = f.substring(0, open);
            }
        }
        return f;
    }

    /** {@code /path/File.java:42 +0x1d} (Go) or {@code File.java:42} to a frame of {@code function}. */
    static Frame withLocation(String function, String location) {
        String loc = location;
        int space = loc.indexOf(' ');
        if (space > 0) {
            loc = loc.substring(0, space);
        }
        int colon = loc.lastIndexOf(':');
        long line = 0;
        String file = loc;
        if (colon > 0) {
            try {
                line = Long.parseLong(loc.substring(colon + 1));
                file = loc.substring(0, colon);
            } catch (NumberFormatException e) {
                line = 0;
            }
        }
        return new Frame(function, file.substring(file.lastIndexOf('/') + 1), Math.max(0, line));
    }
}
