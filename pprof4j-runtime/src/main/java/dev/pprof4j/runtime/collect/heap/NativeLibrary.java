package dev.pprof4j.runtime.collect.heap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libpprof4j from the jar: the build compiles it where gcc is present and puts it at
 * {@value #RESOURCE_DIR}{@code <platform>/libpprof4j.so}. A temp copy is loaded with
 * {@code System.load}, which binds it to this class's loader (JNI_OnLoad then gets JVMTI
 * in the live phase, so this works for -javaagent and for attach alike). The CPU side's
 * natives ({@code dev.pprof4j.runtime.collect.cpu.NonSafepointDebugInfo}) live in the same
 * library and bind once this loaded it, since both classes share a class loader.
 */
public final class NativeLibrary {
    static final String RESOURCE_DIR = "/dev/pprof4j/native/";

    /** The outcome of the one load attempt per class loader; immutable once made. */
    private static final class Holder {
        static final String ERROR = tryLoad();
    }

    private NativeLibrary() {
    }

    /** Null when the library is loaded and JVMTI is usable, else what is missing and why. */
    public static String loadError() {
        return Holder.ERROR;
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.replace(' ', '-');
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") ? "arm64" : arch;
        return o + "-" + a;
    }

    private static String tryLoad() {
        String resource = RESOURCE_DIR + platform() + "/libpprof4j.so";
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "no native heap sampler for " + platform() + " in this build (" + resource
                        + " missing; it is built where gcc is present, for linux-x64)";
            }
            Path copy = Files.createTempFile("libpprof4j-", ".so");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            System.load(copy.toAbsolutePath().toString());
            return NativeHeap.loadError0();
        } catch (IOException e) {
            return "extracting " + resource + " to a temp file failed: " + e.getMessage();
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return "loading " + resource + " failed: " + e.getMessage();
        }
    }
}
