package dev.pprof4j.profile.jfr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small JFR chunks by the format's rules (as a JDK or async-profiler lays them out): the
 * header, a metadata event declaring the types a CPU profile reads, one checkpoint of pools, and
 * jdk.ExecutionSample events. Tests craft stacks, keys and counts with it.
 */
final class TestChunk {
    static final long EXECUTION_SAMPLE = 100;
    private static final long LONG = 20, INT = 21, BOOLEAN = 22, STRING = 23, SYMBOL = 30, CLASS = 31, METHOD = 32,
            FRAME = 33, STACK = 34, THREAD = 35;

    /** A frame: the method's key, its class (slashed, as JVMs name them) and name, the line. */
    record Frame(long methodKey, String owner, String method, int line) {
    }

    private final Map<Long, List<Frame>> stacks = new LinkedHashMap<>();
    private final Map<Long, Boolean> truncated = new LinkedHashMap<>();
    private final Map<Long, String> threads = new LinkedHashMap<>();
    private final List<long[]> samples = new ArrayList<>();

    TestChunk stack(long key, boolean cut, Frame... frames) {
        stacks.put(key, List.of(frames));
        truncated.put(key, cut);
        return this;
    }

    TestChunk thread(long key, String name) {
        threads.put(key, name);
        return this;
    }

    TestChunk sample(long thread, long stack) {
        samples.add(new long[] {thread, stack});
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] metadata = event(0, metadata());
        int metadataAt = 68;
        body.writeBytes(metadata);
        for (long[] s : samples) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            varint(e, 1_000); // startTime
            varint(e, s[0]);
            varint(e, s[1]);
            body.writeBytes(event(EXECUTION_SAMPLE, e.toByteArray()));
        }
        int checkpointAt = 68 + body.size();
        body.writeBytes(event(1, checkpoint()));
        ByteBuffer header = ByteBuffer.allocate(68);
        header.put("FLR\0".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 2).putShort((short) 1);
        header.putLong(68 + body.size()).putLong(checkpointAt).putLong(metadataAt);
        header.putLong(1_700_000_000_000_000_000L).putLong(1_000_000_000L).putLong(0).putLong(1_000_000_000L);
        header.putInt(1); // compressed integers
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(header.array());
        chunk.writeBytes(body.toByteArray());
        return chunk.toByteArray();
    }

    private byte[] checkpoint() {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        varint(c, 0); // start
        varint(c, 0); // duration
        varint(c, 0); // delta: the only checkpoint
        c.write(0); // kind
        Map<String, Long> symbols = new LinkedHashMap<>();
        Map<String, Long> classes = new LinkedHashMap<>();
        Map<Long, Frame> methods = new LinkedHashMap<>();
        for (List<Frame> frames : stacks.values()) {
            for (Frame f : frames) {
                symbols.putIfAbsent(f.owner(), 1_000L + symbols.size());
                symbols.putIfAbsent(f.method(), 1_000L + symbols.size());
                classes.putIfAbsent(f.owner(), 500L + classes.size());
                methods.put(f.methodKey(), f);
            }
        }
        varint(c, 5); // pools
        varint(c, SYMBOL);
        varint(c, symbols.size());
        symbols.forEach((text, key) -> {
            varint(c, key);
            string(c, text);
        });
        varint(c, CLASS);
        varint(c, classes.size());
        classes.forEach((name, key) -> {
            varint(c, key);
            varint(c, symbols.get(name));
        });
        varint(c, METHOD);
        varint(c, methods.size());
        methods.forEach((key, f) -> {
            varint(c, key);
            varint(c, classes.get(f.owner()));
            varint(c, symbols.get(f.method()));
        });
        varint(c, STACK);
        varint(c, stacks.size());
        stacks.forEach((key, frames) -> {
            varint(c, key);
            c.write(truncated.get(key) ? 1 : 0);
            varint(c, frames.size());
            for (Frame f : frames) {
                varint(c, f.methodKey());
                varint(c, f.line());
            }
        });
        varint(c, THREAD);
        varint(c, threads.size());
        threads.forEach((key, name) -> {
            varint(c, key);
            string(c, name);
        });
        return c.toByteArray();
    }

    private static byte[] metadata() {
        List<String> strings = new ArrayList<>();
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        List<Object[]> classes = List.of(
                type(LONG, "long"), type(INT, "int"), type(BOOLEAN, "boolean"), type(STRING, "java.lang.String"),
                type(SYMBOL, "jdk.types.Symbol", field("string", STRING, false, false)),
                type(CLASS, "java.lang.Class", field("name", SYMBOL, true, false)),
                type(METHOD, "jdk.types.Method", field("type", CLASS, true, false), field("name", SYMBOL, true, false)),
                type(FRAME, "jdk.types.StackFrame", field("method", METHOD, true, false), field("lineNumber", INT, false, false)),
                type(STACK, "jdk.types.StackTrace", field("truncated", BOOLEAN, false, false),
                        field("frames", FRAME, false, true)),
                type(THREAD, "java.lang.Thread", field("javaName", STRING, false, false)),
                type(EXECUTION_SAMPLE, "jdk.ExecutionSample", field("startTime", LONG, false, false),
                        field("sampledThread", THREAD, true, false), field("stackTrace", STACK, true, false)));
        element(tree, strings, "root", Map.of(), 1);
        element(tree, strings, "metadata", Map.of(), classes.size());
        for (Object[] c : classes) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> fields = (List<Map<String, String>>) c[2];
            element(tree, strings, "class", Map.of("id", String.valueOf(c[0]), "name", (String) c[1]), fields.size());
            for (Map<String, String> f : fields) {
                element(tree, strings, "field", f, 0);
            }
        }
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        varint(m, 0); // start
        varint(m, 0); // duration
        varint(m, 0); // metadata id
        varint(m, strings.size());
        for (String s : strings) {
            string(m, s);
        }
        m.writeBytes(tree.toByteArray());
        return m.toByteArray();
    }

    private static Object[] type(long id, String name, Map<?, ?>... fields) {
        return new Object[] {id, name, List.of(fields)};
    }

    private static Map<String, String> field(String name, long type, boolean pool, boolean array) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("class", String.valueOf(type));
        if (pool) {
            f.put("constantPool", "true");
        }
        if (array) {
            f.put("dimension", "1");
        }
        return f;
    }

    private static void element(ByteArrayOutputStream out, List<String> strings, String name, Map<String, String> attributes,
            int children) {
        varint(out, index(strings, name));
        varint(out, attributes.size());
        attributes.forEach((k, v) -> {
            varint(out, index(strings, k));
            varint(out, index(strings, v));
        });
        varint(out, children);
    }

    private static int index(List<String> strings, String s) {
        int i = strings.indexOf(s);
        if (i < 0) {
            strings.add(s);
            i = strings.size() - 1;
        }
        return i;
    }

    /** An event: its size as a 4-byte padded varint (as the JDK writes it), its type, its body. */
    private static byte[] event(long type, byte[] body) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        varint(t, type);
        int size = 4 + t.size() + body.length;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(size & 0x7f | 0x80);
        e.write(size >>> 7 & 0x7f | 0x80);
        e.write(size >>> 14 & 0x7f | 0x80);
        e.write(size >>> 21 & 0x7f);
        e.writeBytes(t.toByteArray());
        e.writeBytes(body);
        return e.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(3);
        varint(out, utf8.length);
        out.writeBytes(utf8);
    }

    static void varint(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8 && (v & ~0x7fL) != 0; i++) {
            out.write((int) (v & 0x7f | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
