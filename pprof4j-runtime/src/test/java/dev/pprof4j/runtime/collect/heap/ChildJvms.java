package dev.pprof4j.runtime.collect.heap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this module's test class path in a child JVM of the running JDK. */
final class ChildJvms {
    private ChildJvms() {
    }

    static String runMain(Class<?> main, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = start(main, jvmArgs, args);
        String out = drain(p.getInputStream());
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(main.getSimpleName() + " did not finish in 240 s:\n" + out);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(main.getSimpleName() + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    static Process start(Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
