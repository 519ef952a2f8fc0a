package dev.pprof4j.cli.input;

/**
 * One chunk of a JFR recording (format 2.x, JDK 11 and later): its header, the types its
 * metadata declares, its constant pools, and a scan over its events. A recording is a
 * sequence of self-contained chunks; keys of constants mean something only inside their
 * chunk.
 *
 * <p>The 68-byte header, big-endian (jdk.jfr.internal.consumer.ChunkHeader): magic "FLR\0",
 * major and minor version (2 bytes each), then longs at 8: chunk size, 16: offset of the
 * last constant-pool event, 24: offset of the metadata event, 32: start in epoch
 * nanoseconds, 40: duration, 48: start in ticks, 56: ticks per second. Events follow,
 * each {@code size, type id, fields...} in compressed integers.
 */
final class JfrChunk {
    static final int HEADER_SIZE = 68;
    private static final int SUPPORTED_MAJOR = 2;

    private final JfrChunkFile file;
    final JfrMetadata metadata;
    final JfrConstantPools pools;
    private final long startNanos;
    /** The chunk's span as its header states it; 0 in a chunk still being written. */
    final long durationNanos;
    private final long startTicks;
    /** As the JDK converts: nanoseconds = ticks / (ticksPerSecond / 1e9), in double. */
    private final double ticksPerNano;

    /** What to do with the events of a type; {@code in} stands at the event's first field. */
    interface EventHandler {
        void event(JfrInput in);
    }

    /**
     * Reads the metadata and constant pools of the chunk whose {@code header} (HEADER_SIZE
     * bytes) was read already; the events wait for {@link #scanEvents}.
     */
    JfrChunk(JfrChunkFile file, byte[] header) {
        this.file = file;
        JfrInput in = new JfrInput(header, HEADER_SIZE);
        int major = in.readRawUnsignedShort(4);
        if (major != SUPPORTED_MAJOR) {
            throw new JfrFormatException("JFR format version " + major + "." + in.readRawUnsignedShort(6)
                    + " is not supported (JDK 11 and later write 2.x)");
        }
        long constantPoolPosition = in.readRawLong(16);
        long metadataPosition = in.readRawLong(24);
        startNanos = in.readRawLong(32);
        durationNanos = in.readRawLong(40);
        startTicks = in.readRawLong(48);
        long ticksPerSecond = in.readRawLong(56);
        if (ticksPerSecond <= 0) {
            throw new JfrFormatException("chunk header gives " + ticksPerSecond + " ticks per second");
        }
        ticksPerNano = ticksPerSecond / 1e9;
        metadata = JfrMetadata.read(file, metadataPosition);
        pools = JfrConstantPools.read(file, constantPoolPosition, metadata);
    }

    /** The chunk size its header states, or -1 if the header is not all there. */
    static long statedSize(byte[] header, int length) {
        if (length < HEADER_SIZE) {
            return -1;
        }
        return new JfrInput(header, length).readRawLong(8);
    }

    /** When the chunk began, in nanoseconds since the epoch. */
    long startNanos() {
        return startNanos;
    }

    long nanos(long ticks) {
        return (long) (ticks / ticksPerNano);
    }

    long epochNanos(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / ticksPerNano);
    }

    /** Calls the handler of each event whose type has one ({@code handlers} indexed by type id). */
    void scanEvents(EventHandler[] handlers) {
        int position = HEADER_SIZE;
        int limit = file.size();
        int head = 2 * JfrChunkFile.MAX_VARLONG_BYTES; // an event's size and type id
        JfrInput in = file.window(position, head);
        while (position < limit) {
            if (position + head > in.limit() && in.limit() < limit) {
                in = file.window(position, head);
            }
            in.position = position;
            long size = in.readVarLong();
            if (size <= 0 || size > limit - position) {
                throw new JfrFormatException("event at " + position + " claims " + size + " bytes; "
                        + (limit - position) + " are left in the chunk");
            }
            if (position + size > in.limit()) {
                in = file.window(position, (int) size); // and all of the event
                in.position = position;
                in.readVarLong();
            }
            long typeId = in.readVarLong();
            if (typeId >= 0 && typeId < handlers.length && handlers[(int) typeId] != null) {
                handlers[(int) typeId].event(in);
                if (in.position > position + size) {
                    throw new JfrFormatException("event at " + position + " of type " + typeId
                            + " is longer than the " + size + " bytes it claims");
                }
            }
            position += (int) size;
        }
    }
}
