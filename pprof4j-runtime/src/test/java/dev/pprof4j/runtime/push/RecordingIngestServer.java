package dev.pprof4j.runtime.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.ProtoReader;
import dev.pprof4j.profile.ValueType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A TEST TOOL, not a profile store: a loopback HTTP receiver that accepts what a Pyroscope
 * server accepts on {@code POST /push.v1.PusherService/Push} (binary connect) and
 * {@code POST /ingest}, applies the validation rules Pyroscope documents (pkg/validation: a
 * valid {@code __name__}, at most 30 labels, sample type names without {@code -}, non-zero
 * location and function ids, at most 4 MiB uncompressed and 16 000 samples, not older than an
 * hour, each sample's value count equal to the sample types'), answers 400 with the rule broken
 * otherwise, and records what it accepted. It can be told to answer a status for a while, or
 * to answer slowly, to exercise a sender's queue and backoff.
 */
final class RecordingIngestServer implements AutoCloseable {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");
    static final int MAX_LABELS = 30;
    static final int MAX_SAMPLES = 16_000;
    static final int MAX_BYTES = 4 << 20;

    /** One accepted Push series: its labels and its decoded profile. */
    record Series(Map<String, String> labels, Profile profile, byte[] raw, String id, long receivedMillis) {
        String name() {
            return labels.get("__name__");
        }
    }

    /**
     * One accepted {@code /ingest} request: query, content type, multipart part names, body; the
     * app and labels its {@code name} parameter carries; for {@code format=pprof}, the decoded
     * profile and the {@code __name__} Pyroscope gives it (null for other formats).
     */
    record Ingest(Map<String, String> query, String contentType, List<String> parts, byte[] body, long receivedMillis,
            String app, Map<String, String> labels, Profile profile, String kind) {
    }

    /** Every request that arrived, accepted or not: path, status answered, time. */
    record Arrival(String path, int status, long receivedMillis, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Series> series = new CopyOnWriteArrayList<>();
    private final List<Ingest> ingests = new CopyOnWriteArrayList<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    private volatile long delayMillis;

    RecordingIngestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "recording-ingest-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code status} to the next {@code count} requests (e.g. 503 or 429). */
    void failNext(int count, int status) {
        failStatus = status;
        failNext.set(count);
    }

    /** Waits this long before answering each request (a slow server). */
    void delay(long millis) {
        delayMillis = millis;
    }

    List<Series> series() {
        return List.copyOf(series);
    }

    List<Ingest> ingests() {
        return List.copyOf(ingests);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Why requests were refused (validation), for assertion messages. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.currentTimeMillis();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        int status;
        String answer = "";
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(64 << 20);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = failStatus;
                answer = "{\"code\":\"unavailable\",\"message\":\"told to fail\"}";
            } else if (!exchange.getRequestMethod().equals("POST")) {
                status = 405;
            } else if (path.equals("/push.v1.PusherService/Push")) {
                if (!headers.getOrDefault("content-type", "").equals("application/proto")) {
                    throw new Invalid("content type " + headers.get("content-type") + " is not application/proto");
                }
                List<Series> accepted = decodePush(body, received);
                series.addAll(accepted); // all or nothing, as the distributor does per request
                status = 200;
            } else if (path.equals("/ingest")) {
                ingests.add(decodeIngest(exchange, headers.getOrDefault("content-type", ""), body, received));
                status = 200;
            } else {
                status = 404;
            }
        } catch (Invalid e) {
            refusals.add(e.getMessage());
            status = 400;
            answer = "{\"code\":\"invalid_argument\",\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 500;
        }
        arrivals.add(new Arrival(path, status, received, headers));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static final int WIRE_LEN = 2;

    private List<Series> decodePush(byte[] body, long received) throws Invalid {
        List<Series> out = new ArrayList<>();
        try {
            ProtoReader request = new ProtoReader(body);
            while (request.more()) {
                int tag = request.tag();
                if (tag >>> 3 != 1 || (tag & 7) != WIRE_LEN) {
                    request.skip(tag & 7);
                    continue;
                }
                ProtoReader s = new ProtoReader(request.bytes());
                Map<String, String> labels = new LinkedHashMap<>();
                List<byte[]> raws = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                while (s.more()) {
                    int t = s.tag();
                    if (t >>> 3 == 1 && (t & 7) == WIRE_LEN) {
                        String[] pair = pair(new ProtoReader(s.bytes()));
                        if (labels.put(pair[0], pair[1]) != null) {
                            throw new Invalid("duplicate label " + pair[0]);
                        }
                    } else if (t >>> 3 == 2 && (t & 7) == WIRE_LEN) {
                        ProtoReader sample = new ProtoReader(s.bytes());
                        byte[] raw = null;
                        String id = "";
                        while (sample.more()) {
                            int st = sample.tag();
                            if (st >>> 3 == 1) {
                                raw = sample.bytes();
                            } else if (st >>> 3 == 2) {
                                id = new String(sample.bytes(), StandardCharsets.UTF_8);
                            } else {
                                sample.skip(st & 7);
                            }
                        }
                        raws.add(raw);
                        ids.add(id);
                    } else {
                        s.skip(t & 7);
                    }
                }
                validateLabels(labels);
                for (int i = 0; i < raws.size(); i++) {
                    out.add(new Series(labels, validProfile(raws.get(i), received), raws.get(i), ids.get(i), received));
                }
            }
        } catch (IOException e) {
            throw new Invalid("malformed PushRequest: " + e.getMessage());
        }
        return out;
    }

    private static String[] pair(ProtoReader label) throws IOException {
        String name = "";
        String value = "";
        while (label.more()) {
            int t = label.tag();
            if (t >>> 3 == 1) {
                name = new String(label.bytes(), StandardCharsets.UTF_8);
            } else if (t >>> 3 == 2) {
                value = new String(label.bytes(), StandardCharsets.UTF_8);
            } else {
                label.skip(t & 7);
            }
        }
        return new String[] {name, value};
    }

    private static void validateLabels(Map<String, String> labels) throws Invalid {
        if (labels.size() > MAX_LABELS) {
            throw new Invalid("profile series has " + labels.size() + " labels, more than " + MAX_LABELS);
        }
        String name = labels.get("__name__");
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new Invalid("invalid metric name " + name);
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getValue().isEmpty()) {
                throw new Invalid("invalid label " + label.getKey() + "=" + label.getValue());
            }
        }
    }

    /** Pyroscope's rules for one raw profile (gzip or plain). */
    static Profile validProfile(byte[] raw, long receivedMillis) throws Invalid {
        if (raw == null || raw.length == 0) {
            throw new Invalid("empty raw_profile");
        }
        byte[] plain = raw;
        try {
            if ((raw[0] & 0xff) == 0x1f && raw.length > 1 && (raw[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    plain = gz.readNBytes(MAX_BYTES + 1);
                }
            }
            if (plain.length > MAX_BYTES) {
                throw new Invalid("uncompressed profile is larger than 4 MiB");
            }
            Profile profile = new ProfileDecoder().decode(new ByteArrayInputStream(plain));
            for (ValueType type : profile.sampleTypes) {
                if (type.type().contains("-")) {
                    throw new Invalid("sample type " + type.type() + " contains '-'");
                }
            }
            if (profile.samples.size() > MAX_SAMPLES) {
                throw new Invalid(profile.samples.size() + " samples, more than " + MAX_SAMPLES);
            }
            for (var sample : profile.samples) {
                if (sample.values.length != profile.sampleTypes.size()) {
                    throw new Invalid("a sample has " + sample.values.length + " values for "
                            + profile.sampleTypes.size() + " sample types");
                }
                for (Location location : sample.locations) {
                    if (location.id == 0) {
                        throw new Invalid("location id 0");
                    }
                    for (var line : location.lines) {
                        Function f = line.function();
                        if (f != null && f.id == 0) {
                            throw new Invalid("function id 0");
                        }
                    }
                }
            }
            if (profile.timeNanos != 0 && profile.timeNanos / 1_000_000 < receivedMillis - 3_600_000) {
                throw new Invalid("profile is older than 1h");
            }
            return profile;
        } catch (IOException e) {
            throw new Invalid("raw_profile is not a pprof profile: " + e.getMessage());
        }
    }

    private static final Pattern APP_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern INGEST_LABEL_NAME = Pattern.compile("[a-zA-Z0-9_.]+");
    private static final Pattern INTEGER = Pattern.compile("[0-9]+");
    private static final List<String> FORMATS = List.of("jfr", "pprof", "speedscope", "trie", "tree", "lines");

    /**
     * {@code /ingest}'s rules: {@code name=app{k=v,k=v}} (the app of letters, digits and
     * {@code _ . -}; a value ends at {@code ,} or {@code }}, with no escapes), integer
     * {@code from} and {@code until} (their unit chosen by digit count), a known {@code format};
     * a pprof body either raw or a multipart {@code profile} part, a {@code prev_profile} part
     * refused ("unsupported client version").
     */
    private static Ingest decodeIngest(HttpExchange exchange, String contentType, byte[] body, long received)
            throws Invalid {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        for (String key : List.of("name", "from", "until")) {
            if (!query.containsKey(key)) {
                throw new Invalid("/ingest without " + key);
            }
        }
        for (String key : List.of("from", "until")) {
            if (!INTEGER.matcher(query.get(key)).matches()) {
                throw new Invalid("/ingest " + key + "=" + query.get(key) + " is not an integer time");
            }
        }
        String name = query.get("name");
        int brace = name.indexOf('{');
        String app = (brace < 0 ? name : name.substring(0, brace)).trim();
        if (!APP_NAME.matcher(app).matches()) {
            throw new Invalid("invalid app name '" + app + "' in name=" + name);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0) {
            if (!name.endsWith("}")) {
                throw new Invalid("name=" + name + " does not end with }");
            }
            String inner = name.substring(brace + 1, name.length() - 1);
            for (String pair : inner.isEmpty() ? new String[0] : inner.split(",", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq).trim();
                String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
                if (!INGEST_LABEL_NAME.matcher(key).matches() || value.isEmpty() || value.contains("{")
                        || value.contains("}")) {
                    throw new Invalid("invalid label '" + pair + "' in name=" + name);
                }
                labels.put(key, value);
            }
        }
        String format = query.getOrDefault("format", "");
        if (!format.isEmpty() && !FORMATS.contains(format)) {
            throw new Invalid("unknown format " + format);
        }
        List<String> parts = new ArrayList<>();
        Profile profile = null;
        if (contentType.startsWith("multipart/form-data")) {
            parts.addAll(MultipartParts.names(contentType, body));
            if (format.equals("pprof")) {
                if (parts.contains("prev_profile")) {
                    throw new Invalid("unsupported client version: a prev_profile part");
                }
                profile = validProfile(MultipartParts.parts(contentType, body).get("profile"), received);
            }
        } else if (format.equals("pprof")) {
            profile = validProfile(body, received);
        }
        return new Ingest(query, contentType, parts, body, received, app, labels, profile,
                profile == null ? null : ingestKind(profile));
    }

    /**
     * The {@code __name__} Pyroscope gives a pprof that came through {@code /ingest}: from its
     * sample types in order, through the default display names ({@code samples} reads as
     * {@code cpu}, {@code contentions} and {@code delay} as {@code mutex_count} and
     * {@code mutex_duration}, {@code goroutine} as {@code goroutines}), the first that names a kind.
     */
    static String ingestKind(Profile profile) {
        Map<String, String> displayNames = Map.of("samples", "cpu", "contentions", "mutex_count",
                "delay", "mutex_duration", "goroutine", "goroutines");
        String last = "";
        for (ValueType type : profile.sampleTypes) {
            if (type.type().equals("wall")) {
                return "wall";
            }
        }
        for (ValueType type : profile.sampleTypes) {
            String st = displayNames.getOrDefault(type.type(), type.type());
            last = st;
            if (st.contains("cpu")) {
                return "process_cpu";
            }
            if (st.contains("alloc_") || st.contains("inuse_") || st.equals("space") || st.equals("objects")) {
                return "memory";
            }
            if (st.contains("mutex_")) {
                return "mutex";
            }
            if (st.contains("block_")) {
                return "block";
            }
            if (st.contains("goroutines")) {
                return "goroutines";
            }
        }
        return last;
    }
}
