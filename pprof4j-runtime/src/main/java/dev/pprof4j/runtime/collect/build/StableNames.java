package dev.pprof4j.runtime.collect.build;

/**
 * The name of a class that the JVM or a framework generated, without the part that changes
 * from run to run, so that two runs of the same code name their frames and allocated classes
 * alike and {@code -base} across a restart lines up. One spelling for every engine: JVMTI and
 * JFR class names and {@code Class.getName()} all come through here.
 *
 * <p>What varies per run, and what is kept:
 * <ul>
 * <li>hidden classes (lambdas, method-handle forms, JDK 21+ proxies) carry their address:
 *     {@code Foo$$Lambda$147/0x00007f…} from {@code Class.getName()} on JDK 17,
 *     {@code Foo$$Lambda.0x…} from JVMTI, {@code Foo$$Lambda+0x…} in JFR's symbols, and on
 *     JDK 17 a counter before it: kept is {@code Foo$$Lambda}, {@code LambdaForm$MH};</li>
 * <li>reflection's generated accessors count up: {@code GeneratedMethodAccessor13} becomes
 *     {@code GeneratedMethodAccessor} (likewise the constructor and serialization ones);</li>
 * <li>{@code java.lang.reflect.Proxy} classes count up, and on JDK 16+ so does their module's
 *     package: {@code jdk.proxy2.$Proxy82} becomes {@code jdk.proxy.$Proxy};</li>
 * <li>CGLIB (Spring's included) appends a hash or a counter after {@code $$}:
 *     {@code Foo$$EnhancerBySpringCGLIB$$1a2b3c} and {@code Foo$$SpringCGLIB$$0} keep the part
 *     before the last {@code $$}; ByteBuddy, Hibernate and Mockito append a random suffix after
 *     their marker: {@code Foo$HibernateProxy$Xyz12} becomes {@code Foo$HibernateProxy}.</li>
 * </ul>
 * Anonymous classes ({@code Foo$1}) are numbered by javac, the same every run, and are kept.
 */
public final class StableNames {
    private static final String LAMBDA = "$$Lambda";
    private static final String[] ACCESSORS = {
        "GeneratedMethodAccessor", "GeneratedConstructorAccessor", "GeneratedSerializationConstructorAccessor",
    };
    private static final String[] CODEGEN_MARKERS = {"CGLIB$$", "$ByteBuddy$", "$HibernateProxy$", "$MockitoMock$"};

    private StableNames() {
    }

    /** {@code className} (dots, or slashes as JFR writes them) with its per-run parts removed. */
    public static String className(String className) {
        String name = withoutAddress(className);
        int lambda = name.indexOf(LAMBDA);
        if (lambda >= 0) {
            return name.substring(0, lambda + LAMBDA.length());
        }
        int simple = Math.max(name.lastIndexOf('.'), name.lastIndexOf('/')) + 1;
        for (String accessor : ACCESSORS) {
            if (name.startsWith(accessor, simple) && digitsFrom(name, simple + accessor.length())) {
                return name.substring(0, simple + accessor.length());
            }
        }
        if (name.startsWith("$Proxy", simple) && digitsFrom(name, simple + "$Proxy".length())) {
            return proxyPackage(name.substring(0, simple)) + "$Proxy";
        }
        return withoutCodegenSuffix(name);
    }

    /**
     * Cuts a hidden class's {@code /0x…}, {@code .0x…} or {@code +0x…} ending (JFR's class
     * names add a {@code .<id>} after the address).
     */
    private static String withoutAddress(String name) {
        for (int at = name.indexOf("0x"); at > 0; at = name.indexOf("0x", at + 1)) {
            char before = name.charAt(at - 1);
            if ((before == '/' || before == '.' || before == '+') && hexFrom(name, at + 2)) {
                return name.substring(0, at - 1);
            }
        }
        return name;
    }

    /**
     * {@code jdk.proxy2.} to {@code jdk.proxy.}, also inside {@code com.sun.proxy.}: the JDK
     * numbers the dynamic modules it makes for proxies.
     */
    private static String proxyPackage(String prefix) {
        String dotted = prefix.replace('/', '.');
        int at = dotted.indexOf("jdk.proxy");
        if (at < 0 || (at > 0 && dotted.charAt(at - 1) != '.')) {
            return prefix;
        }
        int digits = at + "jdk.proxy".length();
        int end = digits;
        while (end < dotted.length() && Character.isDigit(dotted.charAt(end))) {
            end++;
        }
        boolean numbered = end > digits && end < dotted.length() && dotted.charAt(end) == '.';
        return numbered ? prefix.substring(0, digits) + prefix.substring(end) : prefix;
    }

    private static String withoutCodegenSuffix(String name) {
        for (String marker : CODEGEN_MARKERS) {
            int at = name.lastIndexOf(marker);
            if (at < 0) {
                continue;
            }
            int suffix = at + marker.length();
            if (suffix < name.length() && name.indexOf('$', suffix) < 0 && name.indexOf('.', suffix) < 0) {
                // CGLIB's marker ends in "$$": keep the word before it, drop what follows
                return name.substring(0, marker.startsWith("$") ? suffix - 1 : suffix - 2);
            }
        }
        return name;
    }

    private static boolean digitsFrom(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Hex digits from {@code from} to the end, or to a {@code .} and decimal digits. */
    private static boolean hexFrom(String s, int from) {
        int i = from;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            i++;
        }
        return i > from && (i == s.length() || s.charAt(i) == '.' && digitsFrom(s, i + 1));
    }
}
