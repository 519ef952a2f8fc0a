package dev.pprof4j.profile.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One chunk of a JFR recording (format 2.x: JDK 11 and later, async-profiler): its header, the
 * types its metadata declares, its constant pools, and a scan over its events. A recording is
 * a sequence of self-contained chunks; keys of constants mean something only inside their
 * chunk.
 *
 * <p>The 68-byte header, big-endian ({@code jdk.jfr.internal.consumer.ChunkHeader}): magic
 * "FLR\0", major and minor version (2 bytes each), then longs at 8: chunk size, 16: offset of
 * the last constant pool event, 24: offset of the metadata event, 32: start in epoch
 * nanoseconds, 40: duration, 48: start in ticks, 56: ticks per second, then an int of feature
 * flags (bit 0: integers are compressed). Events follow, each {@code size, type id, fields...}
 * in compressed integers; type 0 is the metadata, type 1 a checkpoint of constant pools.
 * Checkpoints form a chain: the header points at the last one, and each holds the distance to
 * the one before it, 0 ending the chain (JDK 14+ streaming flushes make several a chunk).
 */
public final class JfrChunk {
    public static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200;
    private static final int SUPPORTED_MAJOR = 2;
    private static final long CHECKPOINT_EVENT = 1;
    private static final int FEATURE_COMPRESSED_INTS = 1;
    /** Event type ids are small; a handler table for a larger one is a hostile chunk's allocation. */
    private static final long MAX_EVENT_TYPE_ID = 1 << 20;

    private final JfrChunkBytes bytes;
    public final JfrMetadata metadata;
    public final JfrConstantPools pools;
    private final long startNanos;
    /** The chunk's span as its header states it; 0 in a chunk still being written. */
    private final long durationNanos;
    private final long startTicks;
    /** As the JDK converts: nanoseconds = ticks / (ticksPerSecond / 1e9), in double. */
    private final double ticksPerNano;
    private final boolean compressedIntegers;

    /** What to do with the events of a type; {@code in} stands at the event's first field. */
    public interface EventHandler {
        void event(JfrInput in) throws IOException;
    }

    /**
     * Reads the metadata and indexes the constant pools of the chunk whose {@code header}
     * ({@link #HEADER_SIZE} bytes, big-endian) was read already; the events wait for
     * {@link #scanEvents}.
     *
     * @param maxIndexed the most pool entries indexed (see {@link JfrConstantPools})
     */
    public JfrChunk(JfrChunkBytes bytes, ByteBuffer header, int maxIndexed) throws IOException {
        this.bytes = bytes;
        int major = header.getShort(4) & 0xffff;
        if (major != SUPPORTED_MAJOR) {
            throw bytes.error("JFR format version " + major + "." + (header.getShort(6) & 0xffff)
                    + " is not supported (JDK 11 and later write 2.x)");
        }
        long constantPoolPosition = header.getLong(16);
        long metadataPosition = header.getLong(24);
        startNanos = header.getLong(32);
        durationNanos = header.getLong(40);
        startTicks = header.getLong(48);
        long ticksPerSecond = header.getLong(56);
        if (ticksPerSecond <= 0) {
            throw bytes.error("chunk header gives " + ticksPerSecond + " ticks per second");
        }
        ticksPerNano = ticksPerSecond / 1e9;
        compressedIntegers = (header.getInt(64) & FEATURE_COMPRESSED_INTS) != 0;
        metadata = JfrMetadata.read(bytes, metadataPosition);
        pools = new JfrConstantPools(metadata, maxIndexed);
        indexPools(constantPoolPosition);
    }

    /** Whether {@code head} starts with JFR's magic bytes ("FLR\0"). */
    public static boolean isJfr(byte[] head) {
        return head.length >= 4 && ByteBuffer.wrap(head).getInt(0) == MAGIC;
    }

    /** The chunk size its header states, or -1 if the header is not all there. */
    public static long statedSize(byte[] header, int length) {
        return length < HEADER_SIZE ? -1 : ByteBuffer.wrap(header).getLong(8);
    }

    /** When the chunk began, in nanoseconds since the epoch. */
    public long startNanos() {
        return startNanos;
    }

    /** The chunk's span as its header states it; 0 in a chunk still being written. */
    public long durationNanos() {
        return durationNanos;
    }

    /** Whether the header's features say the integers are compressed (async-profiler's always are). */
    public boolean compressedIntegers() {
        return compressedIntegers;
    }

    public long nanos(long ticks) {
        return (long) (ticks / ticksPerNano);
    }

    public long epochNanos(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / ticksPerNano);
    }

    private void indexPools(long lastPosition) throws IOException {
        Set<Long> visited = new HashSet<>();
        long position = lastPosition;
        while (true) {
            if (!visited.add(position)) {
                throw bytes.error("the constant pool chain loops back to " + position);
            }
            long size = bytes.sizeAt(position, "constant pool event");
            if (size <= 0 || size > bytes.size() - position) {
                throw bytes.error("the constant pool event at " + position + " claims " + size
                        + " bytes; the chunk has " + (bytes.size() - position) + " from there");
            }
            JfrInput in = bytes.read(position, size, "constant pool event");
            in.readLong(); // its size, read above
            long typeId = in.readLong();
            if (typeId != CHECKPOINT_EVENT) {
                throw in.error("expected a constant pool event at " + position + ", found type " + typeId);
            }
            in.readLong(); // start time
            in.readLong(); // duration
            long delta = in.readLong();
            in.readByte(); // checkpoint kind (flush, ...), or the older flush flag
            pools.index(in);
            if (delta == 0) {
                return;
            }
            position += delta;
        }
    }

    /** Calls the handler of each event whose type has one. */
    public void scanEvents(Map<Long, EventHandler> byType) throws IOException {
        long maxId = -1;
        for (long id : byType.keySet()) {
            if (id < 0 || id >= MAX_EVENT_TYPE_ID) {
                throw bytes.error("event type id " + id + " is implausible");
            }
            maxId = Math.max(maxId, id);
        }
        EventHandler[] handlers = new EventHandler[(int) maxId + 1];
        for (Map.Entry<Long, EventHandler> e : byType.entrySet()) {
            handlers[e.getKey().intValue()] = e.getValue();
        }
        int position = HEADER_SIZE;
        int limit = bytes.size();
        int head = 2 * JfrChunkFile.MAX_VARLONG_BYTES; // an event's size and type id
        JfrInput in = bytes.window(position, head);
        while (position < limit) {
            if (position + head > in.limit() && in.limit() < limit) {
                in = bytes.window(position, head);
            }
            in.seek(position);
            long size = in.readLong();
            if (size <= 0 || size > limit - position) {
                throw in.error("event at " + position + " claims " + size + " bytes; "
                        + (limit - position) + " are left in the chunk");
            }
            if (position + size > in.limit()) {
                in = bytes.window(position, (int) size); // and all of the event
                in.seek(position);
                in.readLong();
            }
            long typeId = in.readLong();
            if (typeId >= 0 && typeId < handlers.length && handlers[(int) typeId] != null) {
                handlers[(int) typeId].event(in);
                if (in.position() > position + size) {
                    throw in.error("event at " + position + " of type " + typeId + " is longer than the " + size
                            + " bytes it claims");
                }
            }
            position += (int) size;
        }
    }
}
