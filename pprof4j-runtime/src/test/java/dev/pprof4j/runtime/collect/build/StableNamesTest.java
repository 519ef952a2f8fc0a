package dev.pprof4j.runtime.collect.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StableNamesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a.Main$$Lambda$147/0x00007f20e4087770            | a.Main$$Lambda
            a.Main$$Lambda/0x0000000801001200                | a.Main$$Lambda
            a.Main$$Lambda$1041.0x00007f7f644831c0           | a.Main$$Lambda
            a/Main$$Lambda+0x0000000801001200                | a/Main$$Lambda
            a.Hidden+0x00007f54800bb778.501187768            | a.Hidden
            java.lang.invoke.LambdaForm$MH/0x0000000801001800 | java.lang.invoke.LambdaForm$MH
            java.lang.invoke.LambdaForm$MH.0x0000000801001800 | java.lang.invoke.LambdaForm$MH
            a.Hidden/0x0000000801001200                      | a.Hidden
            jdk.internal.reflect.GeneratedMethodAccessor13   | jdk.internal.reflect.GeneratedMethodAccessor
            sun.reflect.GeneratedConstructorAccessor7        | sun.reflect.GeneratedConstructorAccessor
            jdk.internal.reflect.GeneratedSerializationConstructorAccessor2 | jdk.internal.reflect.GeneratedSerializationConstructorAccessor
            jdk.proxy2.$Proxy82                              | jdk.proxy.$Proxy
            jdk/proxy11/$Proxy3                              | jdk/proxy/$Proxy
            com.sun.proxy.$Proxy82                           | com.sun.proxy.$Proxy
            com.sun.proxy.jdk.proxy1.$Proxy12                | com.sun.proxy.jdk.proxy.$Proxy
            a.jdk.proxyish.$Proxy3                           | a.jdk.proxyish.$Proxy
            a.Service$$EnhancerBySpringCGLIB$$1a2b3c4d       | a.Service$$EnhancerBySpringCGLIB
            a.Service$$FastClassBySpringCGLIB$$9f8e          | a.Service$$FastClassBySpringCGLIB
            a.Service$$SpringCGLIB$$0                        | a.Service$$SpringCGLIB
            a.Entity$HibernateProxy$Xyz12AbC                 | a.Entity$HibernateProxy
            a.Repo$MockitoMock$1234567                       | a.Repo$MockitoMock
            a.Api$ByteBuddy$aB3dEf                           | a.Api$ByteBuddy
            a.Plain$Inner                                    | a.Plain$Inner
            a.Plain$1                                        | a.Plain$1
            a.Plain0x12                                      | a.Plain0x12
            a.$Proxy                                         | a.$Proxy
            a.GeneratedMethodAccessorFactory                 | a.GeneratedMethodAccessorFactory
            byte[]                                           | byte[]
            """)
    void generatedPartsThatChangeFromRunToRunAreCut(String raw, String stable) {
        assertEquals(stable, StableNames.className(raw));
    }

    /** The names this JVM gives its own generated classes come out the way the table says. */
    @Test
    void thisJvmsOwnGeneratedClassesComeOutStable() {
        Supplier<String> lambda = () -> "x";
        assertEquals(StableNamesTest.class.getName() + "$$Lambda", StableNames.className(lambda.getClass().getName()));
        Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                (p, m, a) -> null);
        String name = StableNames.className(proxy.getClass().getName());
        assertEquals("$Proxy", name.substring(name.lastIndexOf('.') + 1), proxy.getClass().getName());
        assertEquals(-1, name.indexOf("proxy1"), name);
    }
}
