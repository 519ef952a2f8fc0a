package dev.pprof4j.report.leaks.parse;

import dev.pprof4j.protocol.RetainerRows;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.RetainerSource;
import dev.pprof4j.report.leaks.Stack;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of an agent's {@code /debug/pprof/heap/retainers?class=NAME}:
 * <pre>
 * retainers of byte[] (walked 203314 objects: 36458 objects of the class, 2381 chain shapes)
 *      objects          bytes  chain from a GC root
 *         6231         368848  static com.example.Cache.ENTRIES -> java.util.HashMap.table -> ... -> byte[]
 * </pre>
 * A chain deeper than the walk reports starts with {@code ...} (a long linked list).
 */
public final class RetainersParser {
    private RetainersParser() {
    }

    public static RetainerSource.Retainers parse(String className, String text) {
        List<ReferenceChain> paths = new ArrayList<>();
        boolean partial = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("retainers of ")) {
                partial = line.contains("partial");
                continue;
            }
            RetainerRows.parse(line).ifPresent(row -> paths.add(
                    new ReferenceChain(className, Stack.UNKNOWN, row.chain(), row.objects(), row.bytes())));
        }
        return new RetainerSource.Retainers(className, partial, paths);
    }
}
