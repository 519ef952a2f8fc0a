package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.ClassNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded classes a name given by a user stands for. The profiles print generated classes by
 * their stable names ({@link ClassNames#stableJavaName}: {@code a.Main$$Lambda},
 * {@code jdk.proxy.$Proxy}), under which many raw classes meet ({@code a.Main$$Lambda.0x…}, one per
 * lambda); a name read off a profile must find all of them, and a raw name still finds its one class.
 */
final class LoadedClasses {
    private LoadedClasses() {
    }

    /** JVMTI signatures of every loaded class, arrays and hidden classes included (loadedclasses.c); null once the JVM is exiting. */
    private static native String[] signatures0();

    /**
     * The signatures of the loaded classes named {@code name}: a Java name ({@code byte[]},
     * {@code java.util.HashMap$Node}, a stable name as the profiles print it, a hidden class's
     * {@code Class.getName()}) or a JVM descriptor ({@code [B}, {@code Ljava/util/HashMap;}).
     * Empty when no loaded class has that name.
     *
     * @throws IllegalStateException when the JVM is exiting
     */
    static String[] named(String name) {
        String[] loaded = signatures0();
        if (loaded == null) {
            throw new IllegalStateException("heap walk unavailable: the JVM is shutting down");
        }
        String wanted = javaName(name);
        List<String> out = new ArrayList<>();
        for (String signature : loaded) {
            if (signature != null && answersTo(signature, wanted)) {
                out.add(signature);
            }
        }
        return out.toArray(String[]::new);
    }

    /** True when the class of {@code signature} is {@code javaName} raw, or under its stable name. */
    static boolean answersTo(String signature, String javaName) {
        return ClassNames.javaName(signature).equals(javaName) || ClassNames.stableJavaName(signature).equals(javaName);
    }

    /**
     * {@code name} as {@link ClassNames#javaName} spells a signature: a descriptor is converted,
     * and a hidden class in JVMTI's spelling ({@code Foo$$Lambda.0x…}) takes {@code Class.getName()}'s
     * {@code /0x…}.
     */
    static String javaName(String name) {
        return ClassNames.javaName(name.trim());
    }
}
