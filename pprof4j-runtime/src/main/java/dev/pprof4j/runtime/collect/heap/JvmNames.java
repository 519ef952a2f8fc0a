package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.StableNames;

/** JVM type signatures to the names Java programmers read. */
final class JvmNames {
    private JvmNames() {
    }

    /** {@code Ljava/lang/String;} to {@code java.lang.String}, {@code [[B} to {@code byte[][]}. */
    static String className(String signature) {
        int dims = 0;
        while (dims < signature.length() && signature.charAt(dims) == '[') {
            dims++;
        }
        String element = signature.substring(dims);
        String name = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "V" -> "void";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element.replace('/', '.');
        };
        return name + "[]".repeat(dims);
    }

    /**
     * {@link #className} without the parts that change from run to run ({@link StableNames}),
     * also in an array's element: {@code [La/Main$$Lambda.0x…;} to {@code a.Main$$Lambda[]}.
     */
    static String stableClassName(String signature) {
        String name = className(signature);
        int array = name.indexOf("[]");
        return array < 0 ? StableNames.className(name) : StableNames.className(name.substring(0, array)) + name.substring(array);
    }
}
