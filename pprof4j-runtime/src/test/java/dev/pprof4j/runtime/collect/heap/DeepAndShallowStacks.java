package dev.pprof4j.runtime.collect.heap;

/**
 * Allocates at two depths, 10 frames below main and 60 below it, until it is killed: with
 * {@code profstackdepth=32} the first fits and the second is cut.
 */
public final class DeepAndShallowStacks {
    static volatile Object sink;

    public static void main(String[] args) {
        long until = System.nanoTime() + 120_000_000_000L;
        boolean announced = false;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 2_000; i++) {
                shallow(10);
                deep(60);
            }
            if (!announced) {
                System.out.println("ready");
                announced = true;
            }
        }
    }

    static void shallow(int frames) {
        if (frames > 0) {
            shallow(frames - 1);
        } else {
            sink = new byte[1024];
        }
    }

    static void deep(int frames) {
        if (frames > 0) {
            deep(frames - 1);
        } else {
            sink = new byte[1024];
        }
    }
}
