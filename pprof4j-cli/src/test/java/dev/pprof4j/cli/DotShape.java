package dev.pprof4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DOT call graph draws, whatever its styling: the sorted names of its nodes (a name
 * once per node, so a call tree's repeated functions count) and its calls as
 * {@code caller -> callee}, with {@code (dashed)} where the call skips trimmed nodes.
 */
record DotShape(List<String> nodes, List<String> calls) {
    private static final Pattern CALL = Pattern.compile("^(N\\d+) -> (N\\d+) \\[(.*)\\]");

    /** {@code node} finds a node's id (group 1) and name (group 2) in its line. */
    static DotShape of(String dot, Pattern node) {
        Map<String, String> names = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (String line : dot.split("\n")) {
            Matcher m = node.matcher(line);
            if (!line.contains(" -> ") && m.find()) {
                String name = m.group(2).replace("\\\"", "\"");
                names.put(m.group(1), name);
                nodes.add(name);
            }
        }
        for (String line : dot.split("\n")) {
            Matcher m = CALL.matcher(line);
            if (m.find() && names.containsKey(m.group(1)) && names.containsKey(m.group(2))) {
                boolean dashed = m.group(3).contains("style=\"dotted\"") || m.group(3).contains("style=dashed");
                calls.add(names.get(m.group(1)) + " -> " + names.get(m.group(2)) + (dashed ? " (dashed)" : ""));
            }
        }
        nodes.sort(null);
        calls.sort(null);
        return new DotShape(nodes, calls);
    }
}
