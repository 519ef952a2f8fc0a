package dev.pprof4j.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code /report}: healthy code that allocates plenty and keeps nothing, for the hunt to ignore. */
final class SalesReport {
    private SalesReport() {
    }

    static String render(int rows) {
        List<String> lines = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < rows; i++) {
            byte[] scratch = new byte[8 * 1024];
            random.nextBytes(scratch);
            lines.add("row " + i + ": " + scratch[0] + "," + scratch[scratch.length - 1]);
        }
        return String.valueOf(String.join("\n", lines).hashCode());
    }
}
