package dev.pprof4j.cli.heldout;

import java.util.HashMap;
import java.util.Map;

/** Held-out leak: sessions opened and never expired, in a static map. */
final class SessionRegistry {
    private static final Map<Long, long[]> SESSIONS = new HashMap<>();

    private SessionRegistry() {
    }

    static synchronized void open(long user) {
        SESSIONS.put(user, new long[16 * 1024]);
    }
}
