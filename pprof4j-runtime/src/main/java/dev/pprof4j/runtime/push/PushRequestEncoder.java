package dev.pprof4j.runtime.push;

import dev.pprof4j.profile.ProtoWriter;
import java.util.List;
import java.util.Map;

/**
 * Pyroscope's {@code push.v1.PushRequest}, written with the project's one protobuf writer.
 * The messages (api/push/v1/push.proto and types/v1/types.proto):
 * <pre>
 * PushRequest      { repeated RawProfileSeries series = 1; }
 * RawProfileSeries { repeated LabelPair labels = 1; repeated RawSample samples = 2; }
 * LabelPair        { string name = 1; string value = 2; }
 * RawSample        { bytes raw_profile = 1; string ID = 2; }
 * </pre>
 */
final class PushRequestEncoder {
    static final int PUSH_REQUEST_SERIES = 1;
    static final int SERIES_LABELS = 1;
    static final int SERIES_SAMPLES = 2;
    static final int LABEL_NAME = 1;
    static final int LABEL_VALUE = 2;
    static final int SAMPLE_RAW_PROFILE = 1;
    static final int SAMPLE_ID = 2;

    /** One profile of one kind: its labels ({@code __name__}, {@code service_name}, …) and gzipped pprof. */
    record Series(Map<String, String> labels, byte[] rawProfile, String id) {
    }

    private PushRequestEncoder() {
    }

    static byte[] encode(List<Series> series) {
        int size = 64;
        for (Series s : series) {
            size += s.rawProfile().length + 256;
        }
        ProtoWriter w = new ProtoWriter(size);
        for (Series s : series) {
            int seriesStart = w.beginMessage(PUSH_REQUEST_SERIES);
            s.labels().forEach((name, value) -> {
                int label = w.beginMessage(SERIES_LABELS);
                w.string(LABEL_NAME, name);
                w.string(LABEL_VALUE, value);
                w.endMessage(label);
            });
            int sample = w.beginMessage(SERIES_SAMPLES);
            w.bytes(SAMPLE_RAW_PROFILE, s.rawProfile());
            w.string(SAMPLE_ID, s.id());
            w.endMessage(sample);
            w.endMessage(seriesStart);
        }
        return w.toByteArray();
    }
}
