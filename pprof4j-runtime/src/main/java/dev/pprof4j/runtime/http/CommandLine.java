package dev.pprof4j.runtime.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JVM's command line, Go's {@code os.Args}: exact from /proc where there is one. */
final class CommandLine {
    private CommandLine() {
    }

    static List<String> arguments() {
        Path proc = Path.of("/proc/self/cmdline");
        if (Files.isReadable(proc)) {
            try {
                String raw = new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8);
                if (raw.endsWith("\0")) {
                    raw = raw.substring(0, raw.length() - 1);
                }
                return List.of(raw.split("\0", -1));
            } catch (IOException e) {
                // rebuilt below
            }
        }
        List<String> args = new ArrayList<>();
        args.add(ProcessHandle.current().info().command().orElse("java"));
        args.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String command = System.getProperty("sun.java.command");
        if (command != null) {
            args.addAll(List.of(command.split(" ")));
        }
        return args;
    }
}
