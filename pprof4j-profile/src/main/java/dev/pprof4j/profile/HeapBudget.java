package dev.pprof4j.profile;

/**
 * The heap one decode may take, and the object sizes its estimates are made of. A few bytes
 * on the wire can become a hundred in objects (an empty sample is 5 bytes encoded and 84 in
 * the heap, 17 times more), so a profile well under the size limit can still be a bomb: the
 * decoder keeps an estimate of what it holds and will hold (the decompressed bytes, the index
 * of where each message lies, the objects the messages become), raises it as the input
 * arrives and the objects are made, and refuses the profile as soon as the estimate passes
 * the budget, before the memory is taken.
 *
 * <p>The budget is half of the JVM's maximum heap: the caller needs room for what it does
 * with the profile (the command line merges it, which copies it), and G1 needs free regions
 * to work in. The sizes are those of a 64-bit HotSpot with compressed references (12-byte
 * headers, 4-byte references, 8-byte alignment), which it uses below 32 GiB of heap; above
 * that references take 8 bytes and objects up to half as much again, so the budget shrinks
 * by that much instead of every estimate growing. They were checked against the heap a
 * decoded profile retains: 84.2 bytes per empty sample (20 million of them), and 92 MiB for
 * bench/LargeProfile.java's 300 000 samples (9.6 million frames), which the sizes below put
 * at about 95 MiB (they count the decoder's id indexes too, garbage once it is done).
 */
final class HeapBudget {
    /**
     * A sample with no location and one value: Sample (32), its empty location list (24),
     * long[1] (24), its slot in the profile's list (4).
     */
    static final long SAMPLE = 84;
    /** The array behind a sample's non-empty location list; each location adds a reference. */
    static final long SAMPLE_STACK = 16;
    static final long REFERENCE = 4;
    static final long VALUE = 8;
    /**
     * Location (40), its line list (24) with room for one line (24), its slots in the
     * profile's list and the decoder's array (8), its entry in the decoder's id index (24).
     */
    static final long LOCATION = 120;
    /** A Line record (32) and its slot. */
    static final long LINE = 36;
    /** Function (40), slots (8), id index entry (24). */
    static final long FUNCTION = 72;
    /** Mapping (56), slots (8), id index entry (24). */
    static final long MAPPING = 88;
    /** A ValueType record (24) and its slot. */
    static final long VALUE_TYPE = 28;
    /** A string table entry is a slot until something refers to it; then a String (24) and its byte[] (16 + length). */
    static final long STRING_SLOT = 4;
    static final long STRING = 40;
    /** The first label of a sample makes its map (LinkedHashMap and table, 136); each label an entry with a list (88). */
    static final long LABEL_MAP = 136;
    static final long LABEL = 88;

    private static final long COMPRESSED_REFERENCES_LIMIT = 32L << 30;

    private final long heap;
    private final long limit;

    private HeapBudget(long heap) {
        this.heap = heap;
        long half = heap / 2;
        this.limit = heap < COMPRESSED_REFERENCES_LIMIT ? half : half / 3 * 2;
    }

    /** The budget in this JVM. */
    static HeapBudget ofThisJvm() {
        return new HeapBudget(Runtime.getRuntime().maxMemory());
    }

    /** What a decode may hold, in the units of the sizes above. */
    long limit() {
        return limit;
    }

    /**
     * The refusal when an estimate passes the budget: {@code what} (plural) says what was seen
     * (counts, bytes decompressed) and starts the message.
     */
    ProfileFormatException refuse(String what, long estimate) {
        return new ProfileFormatException("parsing profile: " + what + " need more than " + (estimate >> 20)
                + " MiB of heap, and a decode may take " + (limit >> 20) + " MiB in this JVM (half of its "
                + (heap >> 20) + " MiB heap); if the profile is genuine, give the JVM more memory (-Xmx), "
                + "else it is a bomb");
    }
}
