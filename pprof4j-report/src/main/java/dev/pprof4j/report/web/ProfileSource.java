package dev.pprof4j.report.web;

import dev.pprof4j.profile.Profile;
import java.io.IOException;

/**
 * Where the web UI's profile comes from. The command line reads its SOURCE arguments here;
 * the UI calls {@link #load()} once at start and again for each press of Refresh, so a source
 * that is the URL of a live agent gives a fresh profile each time.
 */
@FunctionalInterface
public interface ProfileSource {
    Snapshot load() throws IOException;

    /**
     * The agent's history when the profile comes from a live agent that keeps one (the UI
     * then shows its chart and serves {@code since=} views), else null.
     */
    default AgentHistory history() {
        return null;
    }

    /**
     * What one load produced.
     *
     * @param profile what the views report on (with {@code -base}, the difference)
     * @param current the sources alone, for the differential flame graph; same as profile without a base
     * @param base the base alone, or null
     * @param name the sources' names, shown in the title
     */
    record Snapshot(Profile profile, Profile current, Profile base, String name) {
        public static Snapshot of(Profile profile, String name) {
            return new Snapshot(profile, profile, null, name);
        }
    }
}
