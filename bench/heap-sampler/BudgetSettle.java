import dev.pprof4j.runtime.collect.heap.HeapSampler;
import dev.pprof4j.runtime.collect.heap.SamplerStats;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Where the heap sampler's interval settles under a workload, and what a sample costs there:
 * one of bench/ab's workloads (AgentAb.workload) runs 8 s alone, then 3 s with the sampler at
 * RATE and BUDGET (0 keeps RATE fixed), then 10 s measured. Prints the workload's allocation per
 * second of its thread's CPU, samples per such second, the callback's own time per sample (the
 * sampler's estimate, which its budget spends; HotSpot's part is not in it), and the interval
 * the budget left.
 *
 * <p>Usage: BudgetSettle WORKLOAD RATE BUDGET
 */
public class BudgetSettle {
    public static void main(String[] args) throws Exception {
        LongSupplier op = AgentAb.workload(args[0]);
        int rate = Integer.parseInt(args[1]);
        double budget = Double.parseDouble(args[2]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AgentAb.run(op, 8_000_000_000L);
        try (HeapSampler sampler = HeapSampler.start(rate, HeapSampler.DEFAULT_MAX_DEPTH, budget)) {
            AgentAb.run(op, 3_000_000_000L);
            SamplerStats before = sampler.stats();
            long bytes = threads.getCurrentThreadAllocatedBytes(), cpu = threads.getCurrentThreadCpuTime();
            AgentAb.run(op, 10_000_000_000L);
            SamplerStats after = sampler.stats();
            double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            long samples = after.samples() - before.samples();
            System.out.printf("%s rate=%d budget=%s: %.0f MB/s, %.0f samples/s, callback %.1f µs/sample,"
                            + " interval now %d (highest %d)%n", args[0], rate, args[2],
                    (threads.getCurrentThreadAllocatedBytes() - bytes) / seconds / 1e6, samples / seconds,
                    (after.callbackNanos() - before.callbackNanos()) / 1e3 / Math.max(1, samples),
                    after.rate(), after.maxRate());
        }
    }
}
