package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackTableTest {
    @ParameterizedTest
    @CsvSource({
        "java.util.HashMap, java/util/HashMap.java",
        "java.util.HashMap$TreeNode, java/util/HashMap.java",
        "com.example.Service$$Lambda$14/0x0000000800c03000, com/example/Service.java",
        "Main, Main.java",
        "'', ''",
    })
    void sourceFileIsGuessedFromTheOutermostClass(String className, String file) {
        assertEquals(file, StackTable.sourceFileOf(className));
    }
}
