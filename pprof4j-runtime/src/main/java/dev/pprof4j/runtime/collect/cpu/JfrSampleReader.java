package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.jfr.JfrChunk;
import dev.pprof4j.profile.jfr.JfrConstantPools;
import dev.pprof4j.profile.jfr.JfrFormatException;
import dev.pprof4j.profile.jfr.JfrInput;
import dev.pprof4j.profile.jfr.JfrMetadata;
import dev.pprof4j.profile.jfr.JfrRecording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stack samples of a JFR file of async-profiler's chunks without the JDK's parser,
 * which builds an object graph of every constant pool entry and event: here only the samples'
 * stack, thread and weight fields are read, and only the pool entries those name
 * ({@link JfrConstantPools}, decoded lazily). What it hands over is what the JDK's
 * {@code RecordedFrame} and {@code RecordedThread} show, so a profile is the same either way
 * (JfrSampleReaderIT compares every sample of real recordings).
 *
 * <p>The chunks are parsed by pprof4j-profile's JFR reader ({@link JfrChunk}), the one the
 * command line converts recordings with; here each chunk is mapped, not copied, and at most
 * {@link #MAX_INDEXED} pool entries are indexed. A chunk this reader cannot take whole is
 * refused with a {@link JfrFormatException}: it reads nothing past the chunk, allocates no more
 * than the chunk's bytes can describe, and every loop advances through the chunk.
 */
final class JfrSampleReader {
    /**
     * Far more than a chunk of async-profiler's 16 MiB recordings holds, and a bound on what a
     * hostile one makes this reader keep: 8 bytes an entry.
     */
    static final int MAX_INDEXED = 1 << 20;

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
        JfrRecording.read(recording, JfrRecording.Access.MAPPED, 0, MAX_INDEXED, chunk -> readChunk(chunk, sampleTypes, events));
    }

    private static void readChunk(JfrChunk chunk, List<String> sampleTypes, Events events) throws IOException {
        if (!chunk.compressedIntegers()) {
            throw new JfrFormatException("integers are not compressed; only async-profiler's chunks are read here");
        }
        JfrMetadata metadata = chunk.metadata;
        Map<Long, JfrChunk.EventHandler> layouts = new HashMap<>();
        for (String name : sampleTypes) {
            layout(chunk, name, true, layouts, events);
        }
        layout(chunk, "jdk.ActiveSetting", false, layouts, events);
        layout(chunk, JfrStackSamples.CPU_TIME_SAMPLES_LOST, false, layouts, events);
        chunk.scanEvents(layouts);
    }

    private static void layout(JfrChunk chunk, String name, boolean sample, Map<Long, JfrChunk.EventHandler> layouts,
            Events events) {
        JfrMetadata.Type type = chunk.metadata.type(name);
        if (type != null) {
            layouts.put(type.id, new EventLayout(type, sample, chunk, events));
        }
    }

    /** What each field of one event type is to this reader. */
    private static final class EventLayout implements JfrChunk.EventHandler {
        private static final int SKIP = 0, THREAD = 1, STACK = 2, WEIGHT = 3, FAILED = 4, NAME = 5, VALUE = 6, LOST = 7;

        private final JfrMetadata.Type type;
        private final boolean sample;
        private final int[] roles;
        private final boolean namesThread;
        /** A setting has both, and its value may be null ({@code filter=null}), as the JDK's reader hands it. */
        private final boolean namesSetting;

        private final JfrMetadata metadata;
        private final JfrConstantPools pools;
        private final Events events;

        EventLayout(JfrMetadata.Type type, boolean sample, JfrChunk chunk, Events events) {
            this.metadata = chunk.metadata;
            this.pools = chunk.pools;
            this.events = events;
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

        @Override
        public void event(JfrInput in) throws JfrFormatException {
            List<JfrConstantPools.Frame> stack = null;
            String thread = null;
            long weight = 1;
            boolean failed = false;
            String name = null;
            String value = null;
            long lost = 0;
            for (int i = 0; i < roles.length; i++) {
                JfrMetadata.Field f = type.fields.get(i);
                JfrMetadata.Kind kind = f.type().kind;
                switch (roles[i]) {
                    case THREAD -> thread = f.constantPool() ? orEmpty(pools.threadName(in.readLong())) : skip(in, metadata, f);
                    case STACK -> stack = f.constantPool() ? frames(pools.stackTrace(in.readLong())) : skipStack(in, metadata, f);
                    case WEIGHT -> weight = isInteger(kind) ? Math.max(in.readLong(), 1) : skipWeight(in, metadata, f);
                    case FAILED -> failed = kind == JfrMetadata.Kind.BOOLEAN ? in.readBoolean() : skipFalse(in, metadata, f);
                    case NAME -> name = kind == JfrMetadata.Kind.STRING ? in.readString(pools) : skip(in, metadata, f);
                    case VALUE -> value = kind == JfrMetadata.Kind.STRING ? in.readString(pools) : skip(in, metadata, f);
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

        private static List<JfrConstantPools.Frame> frames(JfrConstantPools.Stack stack) {
            return stack == null ? null : stack.frames();
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
