package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;

/**
 * A profile served under {@code /debug/pprof/<name>} the way Go's {@code pprof.Lookup(name)}
 * is: a pprof protobuf at {@code debug=0}, text at {@code debug>0}, a delta with
 * {@code seconds=N}, and a count on the index page.
 *
 * @param description Go's own description where Go has the profile, so the index page reads alike
 */
record NamedProfile(String name, String description, Counter count, Collector collect, TextWriter text) {

    interface Counter {
        /** The index page's count, or -1 when it cannot be counted now. */
        int count();
    }

    interface Collector {
        Profile collect(PprofRequest request) throws CollectorUnavailableException, HttpError;
    }

    interface TextWriter {
        /** The body for {@code debug} 1 or 2. */
        String text(PprofRequest request, int debug) throws CollectorUnavailableException, HttpError;
    }
}
