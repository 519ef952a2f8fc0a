package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The names heap/retainers?class= takes, each in the spelling the walk compares against a loaded class's. */
class LoadedClassesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "byte[]                                      | byte[]",
        "[B                                          | byte[]",
        "'  java.util.HashMap$Node '                 | java.util.HashMap$Node",
        "Ljava/util/HashMap;                         | java.util.HashMap",
        "[Ljava/lang/Object;                         | java.lang.Object[]",
        // stable names as the profiles print them: compared with each loaded class's stable name
        "a.Main$$Lambda                              | a.Main$$Lambda",
        "jdk.proxy.$Proxy                            | jdk.proxy.$Proxy",
        // a hidden class's Class.getName() (JDK 17 and later) and JVMTI's own spelling
        "a.Main$$Lambda$14/0x0000000800c02a00        | a.Main$$Lambda$14/0x0000000800c02a00",
        "a.Main$$Lambda/0x0000000800c02a00           | a.Main$$Lambda/0x0000000800c02a00",
        "a.Main$$Lambda.0x0000000800c02a00           | a.Main$$Lambda/0x0000000800c02a00",
        "La/Main$$Lambda.0x0000000800c02a00;         | a.Main$$Lambda/0x0000000800c02a00",
    })
    void aNameInTheSpellingOfALoadedClass(String given, String javaName) {
        assertEquals(javaName, LoadedClasses.javaName(given));
    }

    /** What a loaded class is found by: its own name, or the stable name the profiles print; nothing else. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "La/Main$$Lambda.0x0000000800c02a00;   | a.Main$$Lambda                    | true",
        "La/Main$$Lambda.0x0000000800c02a00;   | a.Main$$Lambda/0x0000000800c02a00 | true",
        "La/Main$$Lambda.0x0000000800c02a00;   | a.Main$$Lambda/0x0000000800c03000 | false",
        "La/Main$$Lambda.0x0000000800c02a00;   | a.Main                            | false",
        "La/Main$$Lambda.0x0000000800c02a00;   | a.Main$$Lambda[]                  | false",
        "[La/Main$$Lambda.0x0000000800c02a00;  | a.Main$$Lambda[]                  | true",
        "Ljdk/proxy2/$Proxy82;                 | jdk.proxy.$Proxy                  | true",
        "Ljdk/proxy2/$Proxy82;                 | jdk.proxy2.$Proxy82               | true",
        "Ljdk/proxy2/$Proxy82;                 | jdk.proxy2.$Proxy8                | false",
        "Ljava/util/HashMap;                   | java.util.HashMap                 | true",
        "Ljava/util/HashMap$Node;              | java.util.HashMap                 | false",
    })
    void aLoadedClassAnswersToItsRawAndItsStableName(String signature, String javaName, boolean found) {
        assertEquals(found, LoadedClasses.answersTo(signature, javaName));
    }
}
