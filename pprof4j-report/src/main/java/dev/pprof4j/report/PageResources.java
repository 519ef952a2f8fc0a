package dev.pprof4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of the stylesheets, scripts and templates that pages (the web UI, the flame graph,
 * {@code -weblist}) carry inline: each is a resource next to the class that writes the page.
 */
public final class PageResources {
    private PageResources() {
    }

    /** The resource {@code name} next to {@code owner}, as UTF-8 text. */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the pprof4j-report jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }
}
