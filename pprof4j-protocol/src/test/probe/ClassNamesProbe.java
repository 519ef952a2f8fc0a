import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the class names a real JVM gives, for ClassNamesTest's golden file: each class's
 * Class.getName() and the rows of jcmd GC.class_histogram that name the same classes, each with
 * the Java spelling Class.getTypeName() gives. Record with each JDK (compiled: JDK 25 source-launched
 * programs did not answer jcmd):
 *   javac -d /tmp/probe ClassNamesProbe.java && java -cp /tmp/probe ClassNamesProbe
 * and put its output in src/test/resources/dev/pprof4j/protocol/class-names.txt.
 * The top-level classes I and B are in the unnamed package on purpose: a one-letter class name
 * is not a primitive's descriptor.
 */
public class ClassNamesProbe {
    public static void main(String[] args) throws Exception {
        Runnable lambda = () -> { };
        Class<?> proxy = Proxy.newProxyInstance(ClassNamesProbe.class.getClassLoader(), new Class<?>[] {Runnable.class},
                (p, m, a) -> null).getClass();
        Class<?>[] classes = {
            lambda.getClass(), Array.newInstance(lambda.getClass(), 1).getClass(), Array.newInstance(lambda.getClass(), 1, 1).getClass(),
            proxy, Array.newInstance(proxy, 1).getClass(),
            I.class, I[].class, I[][].class, B.class, B[].class, Outer.Inner.class, Outer.Inner[].class,
            int[].class, int[][].class, boolean[].class, byte[].class, byte[][][].class, char[].class, short[].class,
            long[].class, float[].class, double[][].class, String.class, String[].class, String[][].class, Object[].class,
        };
        List<Object> live = new ArrayList<>();
        Map<String, String> typeNames = new LinkedHashMap<>();
        String jdk = "jdk" + Runtime.version().feature();
        for (Class<?> c : classes) {
            live.add(c.isArray() ? Array.newInstance(c.getComponentType(), 1) : c == proxy ? null : c == lambda.getClass() ? lambda : c.getDeclaredConstructor().newInstance());
            typeNames.put(c.getName(), c.getTypeName());
            System.out.println(jdk + "\tClass.getName\t" + c.getName() + "\t" + c.getTypeName());
        }
        Process jcmd = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        String histogram = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && typeNames.containsKey(f[3])) {
                System.out.println(jdk + "\tGC.class_histogram\t" + f[3] + "\t" + typeNames.get(f[3]));
            }
        }
        if (live.size() != classes.length) {
            throw new AssertionError();
        }
    }
}

class I {
}

class B {
}

class Outer {
    static class Inner {
    }
}
