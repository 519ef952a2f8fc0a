package dev.pprof4j.cli;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a URL in the user's browser, as go tool pprof's {@code web} does: {@code $BROWSER},
 * else the desktop's opener ({@code xdg-open}, macOS {@code open}). Where there is no display
 * (a server, a container) nothing is started: the URL printed before is the way in.
 */
final class Browser {
    private Browser() {
    }

    static void open(String url, PrintStream err) {
        List<String> command = new ArrayList<>();
        String browser = System.getenv("BROWSER");
        boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
        if (browser != null && !browser.isBlank()) {
            command.add(browser.strip());
        } else if (mac) {
            command.add("open");
        } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
            command.add(onPath("xdg-open") ? "xdg-open" : null);
        }
        if (command.isEmpty() || command.get(0) == null) {
            return;
        }
        command.add(url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            err.println("could not start " + command.get(0) + " (" + e.getMessage() + "); open the URL above");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (new File(dir, program).canExecute()) {
                    return true;
                }
            }
        }
        return false;
    }
}
