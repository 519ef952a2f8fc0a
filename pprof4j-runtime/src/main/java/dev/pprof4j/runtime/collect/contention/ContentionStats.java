package dev.pprof4j.runtime.collect.contention;

/**
 * Counters of the contention sampler since start.
 *
 * @param monitorEnters contended monitor enters seen
 * @param monitorWaits  {@code Object.wait} calls seen
 * @param parks         {@code Unsafe.park} calls seen
 * @param stacksTaken   waits whose stack was taken (sampled for block or mutex)
 * @param holderStacks  holders' stacks taken (mutex samples)
 * @param holderNanos   time spent finding holders and taking their stacks
 * @param dropped       samples lost because the site table was full
 * @param holderEvery   1 in this many mutex samples takes its holder's stack now (1 below the
 *                      holders' rate limit), each standing for that many
 * @param virtualParks  parks of virtual threads seen (unmounts in {@code LockSupport.park(blocker)})
 */
public record ContentionStats(long monitorEnters, long monitorWaits, long parks, long stacksTaken,
        long holderStacks, long holderNanos, long dropped, long holderEvery, long virtualParks) {
    /** Mean cost of one holder's stack in microseconds, 0 before the first. */
    public double holderMicros() {
        return holderStacks == 0 ? 0 : holderNanos / 1000.0 / holderStacks;
    }
}
