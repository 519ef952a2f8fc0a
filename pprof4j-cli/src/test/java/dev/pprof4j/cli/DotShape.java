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
 * {@code caller -> callee}, with {@code (dashed)} where the call skips trimmed nodes, and each
 * call's value label.
 */
record DotShape(List<String> nodes, List<String> calls, Map<String, String> callLabels) {
    /** A call's value: the label's first line ({@code label=" 8MB"}, Go's may add {@code \\n (inline)}). */
    private static final Pattern LABEL = Pattern.compile("label=\" ([^\"\\\\]*)");
    private static final Pattern CALL = Pattern.compile("^(N\\d+) -> (N\\d+) \\[(.*)\\]");

    /** {@code node} finds a node's id (group 1) and name (group 2) in its line. */
    static DotShape of(String dot, Pattern node) {
        Map<String, String> names = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        Map<String, String> callLabels = new java.util.TreeMap<>();
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
                String call = names.get(m.group(1)) + " -> " + names.get(m.group(2));
                calls.add(call + (dashed ? " (dashed)" : ""));
                Matcher label = LABEL.matcher(m.group(3));
                if (label.find()) {
                    callLabels.put(call, label.group(1));
                }
            }
        }
        nodes.sort(null);
        calls.sort(null);
        return new DotShape(nodes, calls, callLabels);
    }
}
