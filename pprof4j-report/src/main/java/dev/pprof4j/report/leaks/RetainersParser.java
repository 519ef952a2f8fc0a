package dev.pprof4j.report.leaks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(\\S.*)$");

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
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                List<String> links = Arrays.stream(m.group(3).strip().split(" -> ")).map(String::strip).toList();
                paths.add(new ReferenceChain(className, Stack.UNKNOWN, links, Long.parseLong(m.group(1)),
                        Long.parseLong(m.group(2))));
            }
        }
        return new RetainerSource.Retainers(className, partial, paths);
    }
}
