package dev.pprof4j.cli.heldout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Held-out leak: an audit layer that copies every upload's payload and keeps it. */
final class AuditTrail {
    static final List<byte[]> ENTRIES = Collections.synchronizedList(new ArrayList<>());

    private AuditTrail() {
    }

    static void recordPayload(byte[] payload) {
        ENTRIES.add(Arrays.copyOf(payload, payload.length));
    }
}
