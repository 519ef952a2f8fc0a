/**
 * {@link IdleCost#requestChurn} called {@code -Ddeep.frames=N} frames down (default 40), for bench/ab
 * ({@code WORKLOADS=DeepRequestChurn EXTRA_SOURCES="bench/heap-sampler/DeepRequestChurn.java"}): the same allocation
 * rate as the shallow workload, with an allocation stack about as deep as a service's
 * (47 to 53 frames at a sample in all: the workload adds 2 to 8, the harness a few).
 */
public final class DeepRequestChurn {
    private static final int FRAMES = Integer.getInteger("deep.frames", 40);

    private DeepRequestChurn() {
    }

    public static long op() {
        return down(FRAMES);
    }

    private static long down(int frames) {
        return frames <= 1 ? IdleCost.requestChurn() : down(frames - 1) + 1;
    }
}
