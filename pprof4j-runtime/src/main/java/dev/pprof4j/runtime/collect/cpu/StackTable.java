package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

/**
 * Turns JFR stack frames into the profile's functions and locations, one of each per
 * distinct method and (method, line), so a frame seen in a million samples costs one
 * {@link Location}.
 *
 * <p>Java frames are named {@code package.Class.method} with a file guessed from the class
 * ({@code java/util/HashMap.java}: JFR records no source file name, and the package path is
 * where a reader will look). Native frames, which only async-profiler records, keep their
 * symbol as the name and the library (or {@code [kernel]}) as the file.
 */
final class StackTable {
    private final Profile profile;
    private final Map<String, Function> functions = new HashMap<>();
    private final Map<LineKey, Location> locations = new HashMap<>();

    private record LineKey(Function function, int line) {
    }

    StackTable(Profile profile) {
        this.profile = profile;
    }

    /** The stack's locations, leaf first (JFR and profile.proto agree on that order). */
    Location[] locationsOf(List<RecordedFrame> frames) {
        Location[] stack = new Location[frames.size()];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = locationOf(frames.get(i));
        }
        return stack;
    }

    private Location locationOf(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String type = frame.getType();
        boolean nativeFrame = isNative(type);
        String owner = method == null || method.getType() == null ? "" : method.getType().getName();
        String methodName = method == null ? "[unknown]" : method.getName();
        String name;
        String file;
        if (nativeFrame) {
            name = methodName;
            file = "Kernel".equals(type) ? "[kernel]" : owner;
        } else {
            name = owner.isEmpty() ? methodName : owner + "." + methodName;
            file = sourceFileOf(owner);
        }
        Function function = functions.computeIfAbsent(name, n -> {
            Function f = new Function(n, file);
            profile.functions.add(f);
            return f;
        });
        int line = nativeFrame ? 0 : Math.max(frame.getLineNumber(), 0);
        return locations.computeIfAbsent(new LineKey(function, line), key -> {
            Location location = new Location(new Line(key.function(), key.line()));
            profile.locations.add(location);
            return location;
        });
    }

    /** async-profiler's frame types for code that is not Java: C/C++ libraries and the kernel. */
    private static boolean isNative(String frameType) {
        return "Native".equals(frameType) || "C++".equals(frameType) || "Kernel".equals(frameType);
    }

    /** {@code a.b.Outer$Inner} → {@code a/b/Outer.java}; a lambda's hidden class keeps its host's file. */
    static String sourceFileOf(String className) {
        if (className.isEmpty()) {
            return "";
        }
        int dollar = className.indexOf('$');
        String outer = dollar > 0 ? className.substring(0, dollar) : className;
        int slash = outer.indexOf('/');
        if (slash > 0) {
            outer = outer.substring(0, slash);
        }
        return outer.replace('.', '/') + ".java";
    }
}
