package dev.pprof4j.protocol;

/**
 * The JVM's names of classes to the names Java programmers read, as {@code Class.getTypeName()}
 * spells them: {@code [B} to {@code byte[]}, {@code [Ljava.lang.Object;} to
 * {@code java.lang.Object[]}, {@code Ljava/util/HashMap;} to {@code java.util.HashMap}.
 *
 * <p>The JVM names a class two ways, and both come here:
 * <ul>
 * <li>{@code Class.getName()}, which is also what {@code jcmd GC.class_histogram} prints: dots
 *     between packages, arrays as descriptors ({@code [[I}, {@code [LI;}), a hidden class with
 *     a slash before its address ({@code a.Main$$Lambda/0x…}, {@code a.Main$$Lambda$14/0x…} on
 *     JDK 17);</li>
 * <li>JVMTI's signatures: slashes between packages, every class in {@code L…;}
 *     ({@code Ljava/lang/String;}), a hidden class with a dot before its address
 *     ({@code La/Main$$Lambda.0x…;}).</li>
 * </ul>
 * A hidden class is written as {@code Class.getName()} writes it ({@code a.Main$$Lambda/0x…}),
 * whichever spelling it came in. A name of one letter outside an array is a class of that name
 * ({@code class I} in the unnamed package), not a primitive: neither the class histogram nor
 * JVMTI's loaded classes list the primitive types, so a bare {@code I} never means {@code int}.
 * {@code ClassNamesTest} checks every case against names a real JDK 17 and JDK 25 gave.
 */
public final class ClassNames {
    private ClassNames() {
    }

    /** {@code jvmName} in either of the JVM's spellings, as {@code Class.getTypeName()} writes it. */
    public static String javaName(String jvmName) {
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        String element = jvmName.substring(dims);
        if (dims > 0 && element.length() == 1) {
            String primitive = primitive(element.charAt(0));
            if (primitive != null) {
                return primitive + "[]".repeat(dims);
            }
        }
        if (element.length() > 2 && element.startsWith("L") && element.endsWith(";")) {
            element = element.substring(1, element.length() - 1);
        }
        return dotted(element) + "[]".repeat(dims);
    }

    /**
     * {@link #javaName} without the parts that change from run to run ({@link StableNames}), also
     * in an array's element: {@code [La/Main$$Lambda.0x…;} to {@code a.Main$$Lambda[]}.
     */
    public static String stableJavaName(String jvmName) {
        String name = javaName(jvmName);
        int array = name.indexOf("[]");
        return array < 0 ? StableNames.className(name) : StableNames.className(name.substring(0, array)) + name.substring(array);
    }

    /** Packages apart by dots; a hidden class's address after a slash, as {@code Class.getName()} has it. */
    private static String dotted(String name) {
        int address = hiddenAddress(name);
        return address < 0 ? name.replace('/', '.') : name.substring(0, address - 1).replace('/', '.') + "/" + name.substring(address);
    }

    /** Where a hidden class's {@code 0x…} begins, after its {@code /} or {@code .}; -1 for any other class. */
    private static int hiddenAddress(String name) {
        int at = Math.max(name.lastIndexOf("/0x"), name.lastIndexOf(".0x")) + 1;
        if (at <= 0 || at + 2 == name.length()) {
            return -1;
        }
        for (int i = at + 2; i < name.length(); i++) {
            if (Character.digit(name.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return at;
    }

    private static String primitive(char descriptor) {
        return switch (descriptor) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> null;
        };
    }
}
