package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JVM's class names to Java's, as {@code Class.getTypeName()} writes them. */
class ClassNamesTest {
    /** Each name a real JDK 17 and JDK 25 gave (Class.getName(), jcmd GC.class_histogram), with that class's getTypeName(). */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("recorded")
    void namesARealJvmGave(String jdk, String source, String jvmName, String typeName) {
        assertEquals(typeName, ClassNames.javaName(jvmName));
    }

    static Stream<String[]> recorded() throws IOException {
        try (InputStream in = ClassNamesTest.class.getResourceAsStream("class-names.txt")) {
            List<String[]> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")).toList();
            // both JDKs and both sources, hidden classes and one-letter classes among them
            for (String needed : new String[] {"jdk17\tGC.class_histogram", "jdk25\tGC.class_histogram", "jdk17\tClass.getName",
                    "jdk25\tClass.getName"}) {
                assertTrue(rows.stream().anyMatch(r -> (r[0] + "\t" + r[1]).equals(needed)), needed);
            }
            assertTrue(rows.stream().anyMatch(r -> r[2].startsWith("[[L") && r[2].contains("$$Lambda")), "a nested array of a lambda");
            assertTrue(rows.stream().anyMatch(r -> r[2].equals("I")), "a class named I");
            return rows.stream();
        }
    }

    /** JVMTI's spelling of the same classes: slashes, L…; and a dot before a hidden class's address. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Ljava/lang/String;                            | java.lang.String
            Ljava/util/HashMap$Node;                      | java.util.HashMap$Node
            LI;                                           | I
            [LI;                                          | I[]
            [[B                                           | byte[][]
            [Ljava/lang/Object;                           | java.lang.Object[]
            La/Main$$Lambda.0x0000000800c02a00;           | a.Main$$Lambda/0x0000000800c02a00
            La/Main$$Lambda$14.0x0000000800c02a00;        | a.Main$$Lambda$14/0x0000000800c02a00
            [[La/Main$$Lambda.0x0000000800c0b000;         | a.Main$$Lambda/0x0000000800c0b000[][]
            LMain$$Lambda.0x0000000800c02a00;             | Main$$Lambda/0x0000000800c02a00
            Ljava/lang/invoke/LambdaForm$MH.0x0000000801001800; | java.lang.invoke.LambdaForm$MH/0x0000000801001800
            """)
    void jvmtiSignatures(String signature, String javaName) {
        assertEquals(javaName, ClassNames.javaName(signature));
    }

    /** Names that only look like a hidden class's or a descriptor keep their letters. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I                      | I
            V                      | V
            a.Plain0x12            | a.Plain0x12
            a.Hex/0x               | a.Hex.0x
            a.Not/0xhex            | a.Not.0xhex
            L;                     | L;
            [Q                     | Q[]
            """)
    void lookAlikes(String jvmName, String javaName) {
        assertEquals(javaName, ClassNames.javaName(jvmName));
    }

    /** This JVM's own classes, whichever JDK runs the test. */
    @Test
    void namesOfThisJvm() {
        Runnable lambda = () -> { };
        Supplier<Object> proxy = () -> Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                (p, m, a) -> null);
        for (Class<?> c : new Class<?>[] {lambda.getClass(), Array.newInstance(lambda.getClass(), 1, 1).getClass(),
                proxy.get().getClass(), Array.newInstance(proxy.get().getClass(), 2).getClass(), long[][].class,
                Thread.State[].class, Object.class}) {
            assertEquals(c.getTypeName(), ClassNames.javaName(c.getName()), c.getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [[La/Main$$Lambda.0x0000000800c0b000;         | a.Main$$Lambda[][]
            a.Main$$Lambda$147/0x0000000800c0b000         | a.Main$$Lambda
            [Ljdk/proxy2/$Proxy82;                        | jdk.proxy.$Proxy[]
            [B                                            | byte[]
            """)
    void stableJavaNames(String jvmName, String stable) {
        assertEquals(stable, ClassNames.stableJavaName(jvmName));
    }
}
