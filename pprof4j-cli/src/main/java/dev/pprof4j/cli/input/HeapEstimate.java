package dev.pprof4j.cli.input;

import dev.pprof4j.profile.ProfileFormatException;

/**
 * What reading one text or legacy profile holds in the heap, estimated as it grows, and
 * refused before it passes half of the JVM's heap (as pprof4j-profile's decoder budgets a
 * protobuf): a few bytes of text can become a hundred in objects ({@code 1 @ 0x1} is a
 * sample and a location), so a file under the size limit can still be a bomb. The sizes are
 * a 64-bit HotSpot's with compressed references.
 */
final class HeapEstimate {
    /** Sample, its lists and one value, its slot in the profile. */
    static final long SAMPLE = 100;
    /** One more frame of a stack: a reference, and the list growing. */
    static final long FRAME = 8;
    /** Location with one line, its slots and its entry in the address index. */
    static final long LOCATION = 160;

    private final long limit;
    private final long heap;
    private long held;

    /** For an input of {@code textBytes}, held as bytes and as a String while it is read. */
    HeapEstimate(long textBytes) {
        heap = Runtime.getRuntime().maxMemory();
        limit = heap / 2;
        held = 3 * textBytes;
    }

    void charge(long bytes, String what) throws ProfileFormatException {
        held += bytes;
        if (held > limit) {
            throw new ProfileFormatException(what + ": the profile read so far needs more than " + (held >> 20)
                    + " MiB of heap, and a read may take " + (limit >> 20) + " MiB in this JVM (half of its "
                    + (heap >> 20) + " MiB heap); if the file is genuine, give the JVM more memory (-Xmx), "
                    + "else it is a bomb");
        }
    }
}
