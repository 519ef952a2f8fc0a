package dev.pprof4j.report.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the allocation-site records of a {@code heap?debug=1} text in Go's layout: a record
 * {@code inuse_objects: inuse_bytes [alloc_objects: alloc_bytes] @ addresses}, then one
 * {@code #\taddress\tfunction+offset\tfile:line} line per frame, innermost first. The
 * {@code # runtime.MemStats} block and a class histogram after the records are skipped.
 */
public final class HeapTextParser {
    private static final Pattern RECORD = Pattern.compile("^(\\d+): (\\d+) \\[(\\d+): (\\d+)\\] @");
    private static final Pattern OFFSET = Pattern.compile("\\+0x[0-9a-fA-F]+$");

    private HeapTextParser() {
    }

    /** Calls {@code site} with each record's stack and in-use usage; returns the record count. */
    public static int parse(String text, BiConsumer<Stack, Usage> site) {
        int records = 0;
        Usage usage = null;
        List<Frame> frames = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = RECORD.matcher(line);
            if (m.find()) {
                if (usage != null) {
                    site.accept(new Stack(frames), usage);
                }
                usage = new Usage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                frames.clear();
                records++;
            } else if (usage != null && line.startsWith("#\t")) {
                String[] fields = line.split("\t");
                if (fields.length >= 3) {
                    String function = OFFSET.matcher(fields[2].strip()).replaceFirst("");
                    frames.add(fields.length >= 4 ? ThreadDumpParser.withLocation(function, fields[3].strip())
                            : Frame.of(function));
                }
            } else if (usage != null) {
                site.accept(new Stack(frames), usage);
                usage = null;
                frames.clear();
            }
        }
        if (usage != null) {
            site.accept(new Stack(frames), usage);
        }
        return records;
    }
}
