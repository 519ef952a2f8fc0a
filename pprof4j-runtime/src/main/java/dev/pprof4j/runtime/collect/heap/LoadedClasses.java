package dev.pprof4j.runtime.collect.heap;

import java.util.ArrayList;
import java.util.List;

/**
 * The loaded classes a name given by a user stands for. The profiles print generated classes by
 * their stable names ({@link JvmNames#stableClassName}: {@code a.Main$$Lambda},
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
        return JvmNames.className(signature).equals(javaName) || JvmNames.stableClassName(signature).equals(javaName);
    }

    /**
     * {@code name} as {@link JvmNames#className} spells a signature: a descriptor is converted,
     * and a hidden class's {@code Class.getName()} ({@code Foo$$Lambda/0x…}) takes JVMTI's
     * {@code .0x…}.
     */
    static String javaName(String name) {
        String n = name.trim();
        if (n.startsWith("[") || (n.startsWith("L") && n.endsWith(";"))) {
            return JvmNames.className(n);
        }
        int hidden = n.lastIndexOf("/0x");
        return hidden < 0 ? n : n.substring(0, hidden) + "." + n.substring(hidden + 1);
    }
}
