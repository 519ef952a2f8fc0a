package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stack samples of a JFR file of async-profiler's chunks without the JDK's parser,
 * which builds an object graph of every constant pool entry and event: here only the samples'
 * stack, thread and weight fields are read, and only the pool entries those name
 * ({@link JfrConstantPools}). What it hands over is what the JDK's {@code RecordedFrame} and
 * {@code RecordedThread} show, so a profile is the same either way (JfrSampleReaderIT compares
 * every sample of real recordings).
 *
 * <p>A chunk ({@code jdk.jfr.internal.consumer.ChunkHeader}): the magic {@code FLR\0}, major and
 * minor version, the chunk's size, the offsets of its last checkpoint and of its metadata,
 * start time, duration, start ticks, ticks per second and a features word whose bit 0 says the
 * integers are compressed (async-profiler always compresses them). Then events, each its size
 * and type id, then its fields as the metadata declares them; type 0 is the metadata, type 1
 * a checkpoint of constant pools. A chunk this reader cannot take whole is refused with a
 * {@link JfrFormatException}: it reads nothing past the chunk, allocates no more than the
 * chunk's bytes can describe, and every loop advances through the chunk.
 */
final class JfrSampleReader {
    private static final int MAGIC = 0x464c5200;
    private static final int HEADER_BYTES = 68;
    private static final int FEATURE_COMPRESSED_INTS = 1;
    private static final long METADATA_EVENT = 0;
    private static final long CHECKPOINT_EVENT = 1;

    /** What the reader hands over, event by event. */
    interface Events {
        /**
         * A stack sample; the same chunk hands the same list for the same stack.
         *
         * @param stack  leaf first; null when the sample has none
         * @param thread the sampled thread's name, "" when it has none, null when the event names no thread
         */
        void sample(List<JfrConstantPools.Frame> stack, String thread, long weight, boolean failed);

        /** A {@code jdk.ActiveSetting}: async-profiler names the engine that really ran there. */
        void setting(String name, String value);

        /** A {@code jdk.CPUTimeSamplesLost} count. */
        void lost(long samples);
    }

    private JfrSampleReader() {
    }

    /** Reads every chunk of {@code recording}, handing {@code events} the samples of the {@code sampleTypes}. */
    static void read(Path recording, List<String> sampleTypes, Events events) throws IOException {
        try (FileChannel file = FileChannel.open(recording, StandardOpenOption.READ)) {
            long size = file.size();
            long at = 0;
            while (at < size) {
                if (size - at < HEADER_BYTES) {
                    throw new JfrFormatException("malformed JFR file: " + (size - at) + " bytes after the chunk ending at byte "
                            + at + " are too few for a chunk header");
                }
                ByteBuffer header = file.map(FileChannel.MapMode.READ_ONLY, at, HEADER_BYTES);
                if (header.getInt(0) != MAGIC) {
                    throw new JfrFormatException("malformed JFR file: no chunk starts at byte " + at);
                }
                long chunkSize = header.getLong(8);
                if (chunkSize < HEADER_BYTES || chunkSize > size - at || chunkSize > Integer.MAX_VALUE) {
                    throw new JfrFormatException("malformed JFR file: the chunk at byte " + at + " declares " + chunkSize
                            + " bytes, the file holds " + (size - at) + " from there");
                }
                ByteBuffer chunk = file.map(FileChannel.MapMode.READ_ONLY, at, chunkSize);
                readChunk(new JfrInput(chunk, at), header, sampleTypes, events);
                at += chunkSize;
            }
        }
    }

    private static void readChunk(JfrInput in, ByteBuffer header, List<String> sampleTypes, Events events)
            throws JfrFormatException {
        if ((header.getInt(64) & FEATURE_COMPRESSED_INTS) == 0) {
            throw in.error("integers are not compressed; only async-profiler's chunks are read here");
        }
        in.seek(header.getLong(24));
        in.readInt(); // size
        if (in.readLong() != METADATA_EVENT) {
            throw in.error("the metadata offset does not point at the metadata event");
        }
        in.readLong(); // start time
        in.readLong(); // duration
        in.readLong(); // metadata id
        JfrMetadata metadata = JfrMetadata.read(in);
        JfrConstantPools pools = new JfrConstantPools(in, metadata);
        Map<Long, EventLayout> layouts = new HashMap<>();
        for (String name : sampleTypes) {
            layout(metadata, name, true, layouts);
        }
        layout(metadata, "jdk.ActiveSetting", false, layouts);
        layout(metadata, JfrStackSamples.CPU_TIME_SAMPLES_LOST, false, layouts);

        // Pools first: a sample may come before the checkpoint that holds its stack.
        for (int at = HEADER_BYTES; at < in.limit(); ) {
            int next = nextEvent(in, at);
            if (eventAt(in, at) == CHECKPOINT_EVENT) {
                in.readLong(); // start time
                in.readLong(); // duration
                pools.index();
                if (in.position() > next) {
                    throw in.error("a checkpoint's pools run past its size");
                }
            }
            at = next;
        }
        for (int at = HEADER_BYTES; at < in.limit(); ) {
            int next = nextEvent(in, at);
            EventLayout layout = layouts.get(eventAt(in, at));
            if (layout != null) {
                layout.read(in, metadata, pools, events);
                if (in.position() > next) {
                    throw in.error("an event's fields run past its size");
                }
            }
            at = next;
        }
    }

    /** Positions {@code in} after the header of the event at {@code at}; returns its type. */
    private static long eventAt(JfrInput in, int at) throws JfrFormatException {
        in.seek(at);
        in.readInt();
        return in.readLong();
    }

    private static int nextEvent(JfrInput in, int at) throws JfrFormatException {
        in.seek(at);
        long size = in.readInt() & 0xffffffffL;
        if (size < 2 || size > in.limit() - at) {
            throw in.error("an event of " + size + " bytes at offset " + at + " does not fit the chunk");
        }
        return (int) (at + size);
    }

    private static void layout(JfrMetadata metadata, String name, boolean sample, Map<Long, EventLayout> layouts) {
        JfrMetadata.Type type = metadata.type(name);
        if (type != null) {
            layouts.put(type.id, new EventLayout(type, sample));
        }
    }

    /** What each field of one event type is to this reader. */
    private static final class EventLayout {
        private static final int SKIP = 0, THREAD = 1, STACK = 2, WEIGHT = 3, FAILED = 4, NAME = 5, VALUE = 6, LOST = 7;

        private final JfrMetadata.Type type;
        private final boolean sample;
        private final int[] roles;
        private final boolean namesThread;
        /** A setting has both, and its value may be null ({@code filter=null}), as the JDK's reader hands it. */
        private final boolean namesSetting;

        EventLayout(JfrMetadata.Type type, boolean sample) {
            this.type = type;
            this.sample = sample;
            this.roles = new int[type.fields.size()];
            boolean sampled = type.field("sampledThread") >= 0;
            boolean anyThread = false;
            for (int i = 0; i < roles.length; i++) {
                JfrMetadata.Field f = type.fields.get(i);
                roles[i] = f.array() ? SKIP : switch (f.name()) {
                    case "sampledThread" -> THREAD;
                    case "eventThread" -> sampled ? SKIP : THREAD;
                    case "stackTrace" -> STACK;
                    case "samples" -> WEIGHT;
                    case "failed" -> FAILED;
                    case "name" -> NAME;
                    case "value" -> VALUE;
                    case "lostSamples" -> LOST;
                    default -> SKIP;
                };
                anyThread |= roles[i] == THREAD;
            }
            this.namesThread = anyThread;
            this.namesSetting = type.field("name") >= 0 && type.field("value") >= 0;
        }

        void read(JfrInput in, JfrMetadata metadata, JfrConstantPools pools, Events events) throws JfrFormatException {
            List<JfrConstantPools.Frame> stack = null;
            String thread = null;
            long weight = 1;
            boolean failed = false;
            String name = null;
            String value = null;
            long lost = 0;
            for (int i = 0; i < roles.length; i++) {
                JfrMetadata.Field f = type.fields.get(i);
                JfrMetadata.Kind kind = metadata.type(f.typeId()).kind;
                switch (roles[i]) {
                    case THREAD -> thread = f.constantPool() ? orEmpty(pools.threadName(in.readLong())) : skip(in, metadata, f);
                    case STACK -> stack = f.constantPool() ? pools.stackTrace(in.readLong()) : skipStack(in, metadata, f);
                    case WEIGHT -> weight = isInteger(kind) ? Math.max(in.readLong(), 1) : skipWeight(in, metadata, f);
                    case FAILED -> failed = kind == JfrMetadata.Kind.BOOLEAN ? in.readBoolean() : skipFalse(in, metadata, f);
                    case NAME -> name = kind == JfrMetadata.Kind.STRING ? in.readString(pools::string) : skip(in, metadata, f);
                    case VALUE -> value = kind == JfrMetadata.Kind.STRING ? in.readString(pools::string) : skip(in, metadata, f);
                    case LOST -> lost = isInteger(kind) ? in.readLong() : skipLost(in, metadata, f);
                    default -> metadata.skip(in, f);
                }
            }
            if (sample) {
                events.sample(stack, namesThread ? (thread == null ? "" : thread) : null, weight, failed);
            } else if (namesSetting) {
                events.setting(name, value);
            } else if (lost != 0) {
                events.lost(lost);
            }
        }

        private static boolean isInteger(JfrMetadata.Kind kind) {
            return kind == JfrMetadata.Kind.INT || kind == JfrMetadata.Kind.LONG || kind == JfrMetadata.Kind.SHORT;
        }

        private static String orEmpty(String threadName) {
            return threadName == null ? "" : threadName;
        }

        private static String skip(JfrInput in, JfrMetadata metadata, JfrMetadata.Field f) throws JfrFormatException {
            metadata.skip(in, f);
            return null;
        }

        private static List<JfrConstantPools.Frame> skipStack(JfrInput in, JfrMetadata metadata, JfrMetadata.Field f)
                throws JfrFormatException {
            metadata.skip(in, f);
            return null;
        }

        private static long skipWeight(JfrInput in, JfrMetadata metadata, JfrMetadata.Field f) throws JfrFormatException {
            metadata.skip(in, f);
            return 1;
        }

        private static boolean skipFalse(JfrInput in, JfrMetadata metadata, JfrMetadata.Field f) throws JfrFormatException {
            metadata.skip(in, f);
            return false;
        }

        private static long skipLost(JfrInput in, JfrMetadata metadata, JfrMetadata.Field f) throws JfrFormatException {
            metadata.skip(in, f);
            return 0;
        }
    }
}
