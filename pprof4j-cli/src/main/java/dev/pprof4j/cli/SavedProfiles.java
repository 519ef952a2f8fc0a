package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a profile fetched over HTTP is kept, as go tool pprof keeps it (its driver's
 * {@code fetchProfiles}, {@code setTmpDir} and {@code newTempFile}): the merged profile,
 * after {@code -base}, goes to {@code $PPROF_TMPDIR}, else {@code $HOME/pprof}, else the
 * system's temporary directory, as {@code pprof.[BINARY.]TYPE1.TYPE2.NNN.pb.gz} with the
 * first free NNN from 001, never over an existing file, and stderr says
 * {@code Saved profile in PATH}. A profile fetched from a service that is gone can be read
 * again; a failure to save is said and the run goes on.
 */
final class SavedProfiles {
    static final String TMPDIR_ENV = "PPROF_TMPDIR";
    /** Go gives up after 9999 names taken. */
    private static final int MAX_INDEX = 9999;

    private final List<Path> directories;
    private final PrintStream err;

    private SavedProfiles(List<Path> directories, PrintStream err) {
        this.directories = directories;
        this.err = err;
    }

    /** The directories Go tries, first usable first, from {@code env} (this process's: {@code System.getenv()}). */
    static SavedProfiles inEnvironment(Map<String, String> env, PrintStream err) {
        List<Path> dirs = new ArrayList<>();
        String tmpdir = env.get(TMPDIR_ENV);
        if (tmpdir != null && !tmpdir.isEmpty()) {
            dirs.add(Path.of(tmpdir));
        }
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) {
            dirs.add(Path.of(home, "pprof"));
        }
        dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
        return new SavedProfiles(dirs, err);
    }

    /** Writes {@code profile} to a new file and says where, or says why it could not. */
    void save(Profile profile) {
        try {
            Path file = create(directory(), prefix(profile));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                ProfileEncoder.writeGzip(profile, out);
            }
            err.println("Saved profile in " + file);
        } catch (IOException | RuntimeException e) {
            err.println("Could not save profile: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    /** Go's prefix: {@code pprof.}, the base name of the first mapping's file if any, each sample type. */
    static String prefix(Profile profile) {
        StringBuilder prefix = new StringBuilder("pprof.");
        if (!profile.mappings.isEmpty() && !profile.mappings.get(0).file.isEmpty()) {
            Path name = Path.of(profile.mappings.get(0).file).getFileName();
            prefix.append(name == null ? profile.mappings.get(0).file : name.toString()).append('.');
        }
        for (ValueType t : profile.sampleTypes) {
            prefix.append(t.type()).append('.');
        }
        return prefix.toString();
    }

    private Path directory() throws IOException {
        for (Path dir : directories) {
            try {
                Files.createDirectories(dir);
                return dir;
            } catch (IOException e) {
                err.println("Could not use temp dir " + dir + ": " + e.getMessage());
            }
        }
        throw new IOException("failed to identify temp dir");
    }

    /** The first free {@code PREFIX NNN .pb.gz}, created here so that no other run takes it too. */
    private static Path create(Path dir, String prefix) throws IOException {
        for (int index = 1; index <= MAX_INDEX; index++) {
            Path file = dir.resolve(String.format("%s%03d.pb.gz", prefix, index));
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // taken: the next number
            }
        }
        throw new IOException("could not create file of the form " + dir.resolve(prefix + "001.pb.gz"));
    }
}
