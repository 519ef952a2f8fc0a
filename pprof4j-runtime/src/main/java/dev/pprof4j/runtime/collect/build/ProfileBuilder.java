package dev.pprof4j.runtime.collect.build;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Profile} from Java stacks, sharing one {@link Function} per method and one
 * {@link Location} per (method, line), as Go's runtime/pprof shares one location per PC.
 * Every collector (threads, CPU, allocation, heap sampler) feeds its stacks through one of
 * these so that the profiles agree on names: {@code package.Class.method}, a file named from
 * the package path and the source file, and the line.
 *
 * <p>Not thread-safe: a builder belongs to the request that builds one profile.
 */
public final class ProfileBuilder {
    private final Profile profile = new Profile();
    private final Map<FunctionKey, Function> functions = new HashMap<>();
    private final Map<LocationKey, Location> locations = new HashMap<>();
    private final Map<List<Location>, Sample> merged = new HashMap<>();

    /**
     * @param periodType what one sampling event measures, e.g. {@code cpu/nanoseconds}
     * @param sampleTypes one per value of every sample, in order
     */
    public ProfileBuilder(ValueType periodType, long period, ValueType... sampleTypes) {
        profile.periodType = periodType;
        profile.period = period;
        profile.sampleTypes.addAll(List.of(sampleTypes));
        profile.timeNanos = System.currentTimeMillis() * 1_000_000L;
    }

    public ProfileBuilder comment(String comment) {
        profile.comments.add(comment);
        return this;
    }

    public ProfileBuilder defaultSampleType(String type) {
        profile.defaultSampleType = type;
        return this;
    }

    public ProfileBuilder durationNanos(long durationNanos) {
        profile.durationNanos = durationNanos;
        return this;
    }

    public ProfileBuilder timeNanos(long timeNanos) {
        profile.timeNanos = timeNanos;
        return this;
    }

    /**
     * The location of one frame, shared with every other use of the same method and line.
     *
     * @param className binary name, e.g. {@code java.util.HashMap} or {@code a.Outer$Inner}
     * @param sourceFile the class's source file name (e.g. {@code HashMap.java}), or null when
     *     unknown: then it is guessed from the outermost class name
     * @param line the line, or a value &lt;= 0 when unknown
     */
    public Location location(String className, String methodName, String sourceFile, int line) {
        Function function = function(className, methodName, sourceFile);
        long lineNumber = Math.max(line, 0);
        return locations.computeIfAbsent(new LocationKey(function, lineNumber), key -> {
            Location location = new Location(new Line(function, lineNumber));
            location.id = locations.size() + 1;
            location.address = 0;
            profile.locations.add(location);
            return location;
        });
    }

    public Location location(StackTraceElement frame) {
        return location(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /** The location of a function from another profile (its name already {@code package.Class.method}). */
    public Location locationOf(Function function, long line) {
        return location("", function.name, function.filename, (int) Math.min(line, Integer.MAX_VALUE));
    }

    /** A pseudo frame with no line, e.g. {@code "(created before pprof4j started)"}. */
    public Location pseudoLocation(String name) {
        return location("", name, "", 0);
    }

    /** The stack's locations, leaf first (as both Java and profile.proto order them). */
    public List<Location> stack(StackTraceElement[] frames) {
        List<Location> stack = new ArrayList<>(frames.length);
        for (StackTraceElement frame : frames) {
            stack.add(location(frame));
        }
        return stack;
    }

    /** Adds a sample of its own (it may carry labels); see {@link #merge} to sum equal stacks. */
    public Sample add(List<Location> stack, long... values) {
        checkValues(values);
        Sample sample = new Sample(stack, values);
        profile.samples.add(sample);
        return sample;
    }

    /** Adds {@code values} to the sample with the same stack, creating it the first time. */
    public Sample merge(List<Location> stack, long... values) {
        checkValues(values);
        Sample existing = merged.get(stack);
        if (existing == null) {
            Sample sample = new Sample(stack, values.clone());
            merged.put(stack, sample);
            profile.samples.add(sample);
            return sample;
        }
        for (int i = 0; i < values.length; i++) {
            existing.values[i] += values[i];
        }
        return existing;
    }

    public Profile build() {
        return profile;
    }

    private void checkValues(long[] values) {
        if (values.length != profile.sampleTypes.size()) {
            throw new IllegalArgumentException("a sample needs " + profile.sampleTypes.size()
                    + " values (" + profile.sampleTypes + "), got " + Arrays.toString(values));
        }
    }

    private Function function(String rawClassName, String methodName, String sourceFile) {
        String className = stableClassName(rawClassName);
        return functions.computeIfAbsent(new FunctionKey(className, methodName), key -> {
            String name = className.isEmpty() ? methodName : className + "." + methodName;
            Function function = new Function(name, fileName(className, sourceFile));
            function.id = functions.size() + 1;
            profile.functions.add(function);
            return function;
        });
    }

    /** The class's name without what changes from run to run: {@link StableNames#className}. */
    public static String stableClassName(String className) {
        return StableNames.className(className);
    }

    /**
     * {@code java/util/HashMap.java}: the package path and the source file, so that pprof's
     * {@code -lines} and {@code list} views name a file a reader can find in the sources.
     */
    public static String fileName(String className, String sourceFile) {
        if (className.isEmpty()) {
            return sourceFile == null ? "" : sourceFile;
        }
        int dot = className.lastIndexOf('.');
        String packagePath = dot < 0 ? "" : className.substring(0, dot + 1).replace('.', '/');
        if (sourceFile != null && !sourceFile.isEmpty()) {
            return packagePath + sourceFile;
        }
        String simple = className.substring(dot + 1);
        int nested = simple.indexOf('$');
        return packagePath + (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }

    // The source file is not part of the key: JFR frames lack it where stack traces have it.
    private record FunctionKey(String className, String methodName) {
    }

    private record LocationKey(Function function, long line) {
    }
}
