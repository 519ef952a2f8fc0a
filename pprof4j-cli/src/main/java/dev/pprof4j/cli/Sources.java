package dev.pprof4j.cli;

import dev.pprof4j.cli.input.InputFormats;
import dev.pprof4j.cli.input.JfrEventKind;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.report.http.AgentAuth;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the profiles named on the command line (files and http(s) URLs), merges them, and
 * subtracts or compares the base, as go tool pprof's {@code fetchProfiles} does.
 */
final class Sources {
    /** Compressed and decompressed size limit: generous for real profiles, finite for bombs. */
    static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final long maxBytes;
    private final int seconds;
    private final int timeout;
    private final PrintStream err;
    private final Set<JfrEventKind> jfrKinds;
    private final AgentAuth auth;
    /** Where a profile with a remote source is saved (go tool pprof's habit); null: nowhere. */
    private final SavedProfiles saved;
    /** {@code -normalize}: the profile is scaled to the base's totals before the base is subtracted. */
    private final boolean normalize;

    Sources(long maxBytes, int seconds, int timeout, PrintStream err) {
        this(maxBytes, seconds, timeout, err, JfrEventKind.all(), AgentAuth.NONE);
    }

    /**
     * {@code jfrKinds}: the events read from JFR recordings ({@code -jfr_events}); {@code auth}:
     * the token sent to http sources.
     */
    Sources(long maxBytes, int seconds, int timeout, PrintStream err, Set<JfrEventKind> jfrKinds, AgentAuth auth) {
        this(maxBytes, seconds, timeout, err, jfrKinds, auth, null, false);
    }

    private Sources(long maxBytes, int seconds, int timeout, PrintStream err, Set<JfrEventKind> jfrKinds,
            AgentAuth auth, SavedProfiles saved, boolean normalize) {
        this.saved = saved;
        this.normalize = normalize;
        this.maxBytes = maxBytes;
        this.seconds = seconds;
        this.timeout = timeout;
        this.err = err;
        this.jfrKinds = jfrKinds;
        this.auth = auth;
    }

    /** These sources, saving what {@link #load} makes of remote ones in {@code saved}. */
    Sources savingFetched(SavedProfiles saved) {
        return new Sources(maxBytes, seconds, timeout, err, jfrKinds, auth, saved, normalize);
    }

    /**
     * These sources, normalizing the profile by its base ({@code -normalize}) when {@code on}.
     *
     * @throws CliError when there is nothing to normalize by (go tool pprof's words)
     */
    Sources normalizing(boolean on, boolean hasBase) {
        if (on && !hasBase) {
            throw new CliError("must have base profile to normalize by");
        }
        return new Sources(maxBytes, seconds, timeout, err, jfrKinds, auth, saved, on);
    }

    /** These sources, saving nothing: for a second look at sources loaded (and saved) already. */
    Sources withoutSaving() {
        return saved == null ? this : new Sources(maxBytes, seconds, timeout, err, jfrKinds, auth, null, normalize);
    }

    /** The token sent to http sources. */
    AgentAuth auth() {
        return auth;
    }

    /** The merged sources, minus (or compared with) the merged bases. */
    Profile load(List<String> sources, List<String> base, List<String> diffBase) throws IOException {
        Profile p = merge(readAll(sources));
        List<String> bases = base.isEmpty() ? diffBase : base;
        if (!bases.isEmpty()) {
            Profile b = merge(readAll(bases));
            try {
                p = ProfileOps.combine(p, b, !diffBase.isEmpty(), normalize);
            } catch (IllegalArgumentException e) {
                throw new CliError("comparing with the base profile: " + e.getMessage(), e);
            }
        }
        ProfileOps.removeUninteresting(p);
        addFakeMapping(p);
        if (saved != null && (anyRemote(sources) || anyRemote(bases))) {
            saved.save(p);
        }
        return p;
    }

    private List<InputFormats.Read> readAll(List<String> sources) throws IOException {
        List<InputFormats.Read> profiles = new ArrayList<>(sources.size());
        for (String source : sources) {
            profiles.add(read(source));
        }
        return profiles;
    }

    /**
     * The URL a source is fetched from, or null for a file. A file that exists is read as one
     * before the source is tried as a URL; that order also keeps the URL parsing (and the HTTP
     * client) out of a run on local files.
     */
    private static String urlOf(String source) {
        return Files.exists(Path.of(source)) ? null : HttpSource.adjustUrl(source);
    }

    private static boolean anyRemote(List<String> sources) {
        for (String source : sources) {
            if (urlOf(source) != null) {
                return true;
            }
        }
        return false;
    }

    private InputFormats.Read read(String source) throws IOException {
        String url = urlOf(source);
        if (url != null) {
            HttpSource http = new HttpSource(url, seconds, timeout, maxBytes, err, auth);
            try (InputStream in = http.open()) {
                return new InputFormats.Read(decode(in, source), false);
            }
        }
        Path path = Path.of(source);
        if (!Files.isRegularFile(path)) {
            throw new CliError(source + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
        }
        if (Files.size(path) > maxBytes) {
            throw new CliError(source + ": " + Files.size(path) + " bytes is more than the limit of " + maxBytes
                    + "; raise it with -max_bytes N");
        }
        try {
            return InputFormats.readFile(path, source, new FileDecoder(maxBytes), jfrKinds);
        } catch (NoSuchFileException e) {
            throw new CliError(source + ": no such file", e);
        } catch (IOException e) {
            throw failed(source, e);
        }
    }

    private Profile decode(InputStream in, String source) throws IOException {
        try {
            // JFR and collapsed stacks are recognised by their first bytes; the rest is pprof.
            return InputFormats.read(in, source, maxBytes, new StreamDecoder(maxBytes), jfrKinds);
        } catch (IOException e) {
            throw failed(source, e);
        }
    }

    // The pprof decoders as classes, not lambdas: a run's first lambda bootstraps
    // java.lang.invoke, ~10 ms of a cold start (docs/BENCHMARKS.md, "JFR → pprof").
    private record FileDecoder(long maxBytes) implements InputFormats.PprofFileDecoder {
        @Override
        public Profile decode(Path file) throws IOException {
            return ProfileOps.decode(file, maxBytes);
        }
    }

    private record StreamDecoder(long maxBytes) implements InputFormats.PprofDecoder {
        @Override
        public Profile decode(InputStream in) throws IOException {
            return ProfileOps.decode(in, maxBytes);
        }
    }

    /** The decoder's messages start with what failed ("parsing profile: ..."); add the source. */
    private static CliError failed(String source, IOException e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.toString();
        if (!(e instanceof ProfileFormatException) && !msg.startsWith("parsing profile")) {
            msg = "reading profile: " + msg;
        }
        return new CliError(source + ": " + msg, e);
    }

    /**
     * Merges the profiles as go tool pprof does, even a single one; a single profile that is
     * merged already as read (a JFR conversion) is taken as it is: merging it would only copy
     * it, ~5-8 ms of a cold 0.3 s conversion (docs/BENCHMARKS.md, "JFR → pprof").
     */
    private static Profile merge(List<InputFormats.Read> read) {
        if (read.size() == 1 && read.get(0).merged()) {
            return read.get(0).profile();
        }
        List<Profile> profiles = new ArrayList<>(read.size());
        for (InputFormats.Read r : read) {
            profiles.add(r.profile());
        }
        try {
            return ProfileOps.merge(profiles);
        } catch (IllegalArgumentException e) {
            throw new CliError("merging profiles: " + e.getMessage(), e);
        }
    }

    /**
     * go tool pprof gives a profile without mappings one empty mapping (for symbolization);
     * done here too so that {@code -raw} and {@code -proto} agree with it.
     */
    private static void addFakeMapping(Profile p) {
        if (!p.mappings.isEmpty()) {
            return;
        }
        Mapping m = new Mapping();
        m.id = 1;
        p.mappings.add(m);
        for (Location l : p.locations) {
            l.mapping = m;
        }
    }
}
