package dev.pprof4j.runtime.collect.heap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Allocates through, and holds instances of, classes the JVM generates (a lambda, a proxy, a
 * reflection accessor, method-handle forms): {@link #ROUNDS} × {@link #EACH} of a capturing
 * lambda and of a proxy. Prints the raw name of the lambda's class, then "ready", and waits to be killed. A
 * random warm-up first generates a random number of other such classes, so the JVM's counters
 * and addresses in those names differ from run to run, as they do between two starts of a service.
 */
public final class GeneratedClasses {
    /** Package-private: its proxy class is defined in this package, where the test looks for it. */
    interface Maker {
        byte[] make(int size);
    }

    static final List<Object> HELD = new ArrayList<>();
    static final int ROUNDS = 2_000;
    static final int EACH = 50;
    private static final int SIZE = 4_096;

    public static void main(String[] args) throws Throwable {
        warmUp(new Random());
        hold();
        // the JVM's own name of the capturing lambda's class, which heap/retainers also accepts
        System.out.println("raw lambda " + HELD.stream().filter(IntSupplier.class::isInstance)
                .findFirst().orElseThrow().getClass().getName());
        System.out.println("ready");
        Thread.sleep(600_000); // the test kills it; three heap walks on a loaded machine may take minutes
    }

    /** Each branch taken spins one more generated class before the measured ones. */
    private static void warmUp(Random random) throws Exception {
        List<Object> spun = new ArrayList<>();
        if (random.nextBoolean()) {
            spun.add((Runnable) () -> { });
        }
        if (random.nextBoolean()) {
            spun.add((IntSupplier) () -> 1);
        }
        if (random.nextBoolean()) {
            spun.add(Proxy.newProxyInstance(GeneratedClasses.class.getClassLoader(), new Class<?>[] {Runnable.class},
                    (p, m, a) -> null));
        }
        if (random.nextBoolean()) {
            Method warm = GeneratedClasses.class.getDeclaredMethod("warm");
            for (int i = 0; i < 50; i++) {
                warm.invoke(null); // past reflection's inflation threshold on JDK 17: an accessor class
            }
        }
        HELD.add(spun);
    }

    private static void warm() {
    }

    private static void hold() throws Throwable {
        Maker viaLambda = size -> new byte[size];
        Maker viaProxy = (Maker) Proxy.newProxyInstance(GeneratedClasses.class.getClassLoader(),
                new Class<?>[] {Maker.class}, (p, m, a) -> new byte[(Integer) a[0]]);
        Method reflected = GeneratedClasses.class.getDeclaredMethod("reflected", int.class);
        MethodHandle handle = MethodHandles.lookup().findStatic(GeneratedClasses.class, "viaHandle",
                MethodType.methodType(byte[].class, int.class));
        for (int i = 0; i < ROUNDS; i++) {
            int round = i;
            HELD.add(viaLambda.make(SIZE));
            HELD.add(viaProxy.make(SIZE));
            HELD.add(reflected.invoke(null, SIZE));
            HELD.add((byte[]) handle.invokeExact(SIZE));
            for (int k = 0; k < EACH; k++) {
                // instances of generated classes themselves: a capturing lambda and a proxy
                HELD.add((IntSupplier) () -> round);
                HELD.add(Proxy.newProxyInstance(GeneratedClasses.class.getClassLoader(), new Class<?>[] {Maker.class},
                        (p, m, a) -> null));
            }
        }
    }

    private static byte[] reflected(int size) {
        return new byte[size];
    }

    private static byte[] viaHandle(int size) {
        return new byte[size];
    }
}
