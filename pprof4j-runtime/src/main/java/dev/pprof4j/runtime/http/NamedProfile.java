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

    /**
     * A text that answers the request itself, streaming to the socket as it is made (thread
     * dumps, the heap's class histogram): large bodies never sit whole in the host's heap.
     */
    interface StreamedText extends TextWriter {
        /** Reserves what it needs (503 when it cannot) and sends the whole answer. */
        void serve(PprofRequest request, int debug) throws CollectorUnavailableException, HttpError,
                java.io.IOException;

        @Override
        default String text(PprofRequest request, int debug) {
            throw new UnsupportedOperationException("streamed; use serve");
        }
    }
}
