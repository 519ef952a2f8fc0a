package dev.pprof4j.runtime.collect.threads;

import dev.pprof4j.runtime.collect.heap.NativeLibrary;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads' stacks through libpprof4j: JVMTI {@code GetStackTrace} hands each frame over as a
 * method id and a bytecode index, and a {@link Naming} turns each distinct frame into one
 * {@link StackTraceElement} shared by every thread that has it, as Go names each PC once. The
 * JDK's own primitives ({@code ThreadSnapshot}, {@link Thread#getStackTrace()}) build and intern
 * names per frame per thread, which was three quarters of a 100 000-thread dump's time. The
 * elements are those the JDK makes: the same class, method, file and line, and, from JDK 25 on,
 * without the frames the JDK hides from stack traces (hidden classes' and {@code @Hidden}
 * methods'), as its ThreadSnapshot leaves them out (JDK 17's thread dumps show them); so a dump
 * reads byte for byte as the JDK's path makes it.
 */
final class NativeThreadStacks {
    /** The deepest stack taken here (libpprof4j's bound); a deeper one is the JDK's to take. */
    static final int MAX_DEPTH = 256;
    private static final int MODIFIERS_GONE = -1;
    /** The annotations by which HotSpot leaves a method out of stack traces. */
    private static final java.util.Set<String> HIDING = java.util.Set.of(
            "jdk.internal.vm.annotation.Hidden", "java.lang.invoke.LambdaForm$Hidden");

    private NativeThreadStacks() {
    }

    /**
     * Null when stacks can be taken natively here, else why not. JDK 25 and later only: there
     * an unmounted virtual thread's stack is walked without a safepoint (measured with
     * {@code -Xlog:safepoint}); older JDKs keep the JDK's path.
     */
    static String unavailableReason() {
        if (Runtime.version().feature() < 25) {
            return "JDK " + Runtime.version().feature() + " (libpprof4j takes stacks on JDK 25+)";
        }
        return openReason();
    }

    /** Null when libpprof4j is loaded and its stack environment is made, whatever the JDK. */
    static String openReason() {
        String error = NativeLibrary.loadError();
        if (error != null) {
            return error;
        }
        try {
            return open0();
        } catch (UnsatisfiedLinkError e) {
            return "libpprof4j has no thread stacks (" + e.getMessage() + ")";
        }
    }

    /** The names of one request's frames, each method resolved once; safe for several threads. */
    static final class Naming {
        private final ConcurrentHashMap<Long, MethodFrames> methods = new ConcurrentHashMap<>();
        /** Whether this JDK's own thread stacks leave hidden frames out (JDK 25+). */
        private final boolean leaveOutHidden = Runtime.version().feature() >= 25;

        /** The stack of these raw frames, or {@link #NOT_TAKEN} when a method is gone. */
        StackTraceElement[] frames(long[] methodIds, int[] bcis, int n) {
            StackTraceElement[] frames = new StackTraceElement[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                MethodFrames method = methods.computeIfAbsent(methodIds[i], MethodFrames::resolve);
                if (method == MethodFrames.GONE) {
                    return NOT_TAKEN;
                }
                if (!(leaveOutHidden && method.hidden)) {
                    frames[kept++] = method.frame(bcis[i]);
                }
            }
            return kept == n ? frames : java.util.Arrays.copyOf(frames, kept);
        }
    }

    /**
     * One taking thread's buffers and the stacks it has met: a crowd's threads mostly share a few
     * stacks, and each of those is named once and then handed out as one array (nobody writes
     * into a {@link ThreadSample}'s stack), so a thread costs its walk and a compare.
     */
    static final class Taker {
        /** Distinct stacks remembered per taker; past that, a new stack is named each time. */
        static final int MAX_REMEMBERED = 4096;

        private final Naming naming;
        private final long[] methodIds = new long[MAX_DEPTH];
        private final int[] bcis = new int[MAX_DEPTH];
        /** Open addressing by raw-stack hash (no boxing per thread): twice the remembered stacks. */
        private final long[] hashes = new long[2 * MAX_REMEMBERED];
        private final Seen[] seen = new Seen[2 * MAX_REMEMBERED];
        private int remembered;

        /** A raw stack met before and its frames; others with the same hash chained on. */
        private record Seen(long[] methodIds, int[] bcis, StackTraceElement[] frames, Seen next) {
        }

        Taker(Naming naming) {
            this.naming = naming;
        }

        /**
         * {@code thread}'s stack, or null when it has no live stack; {@link #NOT_TAKEN} when
         * libpprof4j could not take or name it whole.
         */
        StackTraceElement[] stack(Thread thread) {
            int n = stack0(thread, methodIds, bcis);
            if (n == -1) {
                return null;
            }
            if (n < 0 || n >= MAX_DEPTH) {
                return NOT_TAKEN; // a stack this deep may have been cut: the JDK takes it whole
            }
            long hash = n;
            for (int i = 0; i < n; i++) {
                hash = hash * 0x9E3779B97F4A7C15L + methodIds[i] * 31 + bcis[i];
            }
            int mask = seen.length - 1;
            int slot = (int) (hash ^ (hash >>> 32)) & mask;
            while (seen[slot] != null && hashes[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            Seen first = seen[slot];
            for (Seen s = first; s != null; s = s.next) {
                if (java.util.Arrays.equals(s.methodIds, 0, s.methodIds.length, methodIds, 0, n)
                        && java.util.Arrays.equals(s.bcis, 0, s.bcis.length, bcis, 0, n)) {
                    return s.frames;
                }
            }
            StackTraceElement[] frames = naming.frames(methodIds, bcis, n);
            if (frames != NOT_TAKEN && remembered < MAX_REMEMBERED) {
                remembered++;
                hashes[slot] = hash;
                seen[slot] = new Seen(java.util.Arrays.copyOf(methodIds, n), java.util.Arrays.copyOf(bcis, n),
                        frames, first);
            }
            return frames;
        }
    }

    /** A stack libpprof4j did not take: the caller takes it the JDK's way. */
    static final StackTraceElement[] NOT_TAKEN = new StackTraceElement[0];

    /** One method's names and line table, and its frames by bytecode index as first made. */
    private static final class MethodFrames {
        static final MethodFrames GONE = new MethodFrames(null, null, null, null, true, true);

        private final Class<?> declaring;
        private final String name;
        private final String file;
        /** (start bci, line) pairs in the class file's order; null without a table. */
        private final int[] lines;
        private final boolean nativeMethod;
        final boolean hidden;
        private final ConcurrentHashMap<Integer, StackTraceElement> byBci = new ConcurrentHashMap<>();

        private MethodFrames(Class<?> declaring, String name, String file, int[] lines, boolean nativeMethod,
                boolean hidden) {
            this.declaring = declaring;
            this.name = name;
            this.file = file;
            this.lines = lines;
            this.nativeMethod = nativeMethod;
            this.hidden = hidden;
        }

        static MethodFrames resolve(long id) {
            Object[] out = new Object[5];
            int modifiers = method0(id, out);
            if (modifiers == MODIFIERS_GONE) {
                return GONE;
            }
            Class<?> declaring = (Class<?>) out[0];
            boolean hidden = declaring.isHidden() || hiddenByAnnotation((Executable) out[4]);
            return new MethodFrames(declaring, (String) out[1], (String) out[2], (int[]) out[3],
                    Modifier.isNative(modifiers), hidden);
        }

        private static boolean hiddenByAnnotation(Executable method) {
            if (method == null) {
                return false;
            }
            for (Annotation annotation : method.getDeclaredAnnotations()) {
                if (HIDING.contains(annotation.annotationType().getName())) {
                    return true;
                }
            }
            return false;
        }

        StackTraceElement frame(int bci) {
            return byBci.computeIfAbsent(bci, this::element);
        }

        /** The element the JDK makes for this frame: its module and loader, and its line as HotSpot finds it. */
        private StackTraceElement element(int bci) {
            Module module = declaring.getModule();
            String moduleName = module.isNamed() ? module.getName() : null;
            String moduleVersion = module.isNamed() && module.getDescriptor() != null
                    ? module.getDescriptor().rawVersion().orElse(null) : null;
            ClassLoader loader = declaring.getClassLoader();
            return new StackTraceElement(loader == null ? null : loader.getName(), moduleName, moduleVersion,
                    declaring.getName(), name, file, nativeMethod ? -2 : line(bci));
        }

        /**
         * HotSpot's line of a bytecode index (Method::line_number_from_bci): the entry at exactly
         * that index, else the one with the greatest start below it, the later of equals; -1 when none.
         */
        private int line(int bci) {
            if (lines == null) {
                return -1;
            }
            int at = Math.max(bci, 0);
            int bestStart = 0;
            int best = -1;
            for (int i = 0; i + 1 < lines.length; i += 2) {
                int start = lines[i];
                if (start == at) {
                    return lines[i + 1];
                }
                if (start < at && start >= bestStart) {
                    bestStart = start;
                    best = lines[i + 1];
                }
            }
            return best;
        }
    }

    private static native String open0();

    private static native int stack0(Thread thread, long[] methodIds, int[] bcis);

    private static native int method0(long methodId, Object[] out);
}
