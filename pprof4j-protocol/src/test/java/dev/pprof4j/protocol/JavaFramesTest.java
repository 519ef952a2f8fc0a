package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaFramesTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "java.util.HashMap, HashMap.java, java/util/HashMap.java",
        "a.Main$$Lambda, null, a/Main.java",
        "a.Outer$Inner, , a/Outer.java",
        "Top, null, Top.java",
        "'', Native.c, Native.c",
        "'', null, ''",
    })
    void filesAreThePackagePathAndTheSourceFileOrTheOutermostClass(String className, String sourceFile, String file) {
        assertEquals(file, JavaFrames.fileName(className, sourceFile));
    }

    @ParameterizedTest
    @CsvSource({
        "a.Main$$Lambda, run, a.Main$$Lambda.run",
        "'', (stack truncated by JFR), (stack truncated by JFR)",
    })
    void functionsAreClassDotMethodAndPseudoFramesTheirNameAlone(String className, String method, String function) {
        assertEquals(function, JavaFrames.functionName(className, method));
    }
}
