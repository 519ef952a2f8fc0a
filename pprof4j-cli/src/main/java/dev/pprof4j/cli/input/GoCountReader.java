package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;

/**
 * Go's count profiles as text ({@code goroutine?debug=1}, {@code threadcreate?debug=1}, and
 * the legacy form without {@code #} lines): {@code goroutine profile: total 12}, then
 * {@code 7 @ 0x43a1b5 0x4071b1 ...} per distinct stack, each followed by its frames'
 * {@code #} lines ({@link GoSymbols}) and, for goroutines with pprof labels, a
 * {@code # labels: {"k":"v"}} line, read as the sample's labels.
 */
final class GoCountReader {
    private GoCountReader() {
    }

    /** The profile's name, from a first line {@code NAME profile: total N}, or null. */
    static String profileName(String firstLine) {
        int at = firstLine.indexOf(" profile: total ");
        if (at <= 0 || firstLine.indexOf(' ') < at) {
            return null;
        }
        String total = firstLine.substring(at + " profile: total ".length());
        return !total.isEmpty() && total.chars().allMatch(c -> c >= '0' && c <= '9') ? firstLine.substring(0, at) : null;
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        TextLines lines = new TextLines(text);
        while (lines.next() && TextLines.isSpaceOrComment(lines.line())) {
            // comments before the header
        }
        String name = profileName(lines.line());
        if (name == null) {
            throw new ProfileFormatException("parsing count profile: line " + lines.number()
                    + " is not \"NAME profile: total N\"");
        }
        LegacyProfile p = new LegacyProfile(name, "count", 1, heap);
        p.sampleType(name, "count");
        GoSymbols symbols = new GoSymbols();
        Sample last = null;
        while (lines.next()) {
            String line = lines.line();
            if (line.startsWith("# labels: ") && last != null) {
                GoLabels.parse(line.substring("# labels: ".length()), last);
                continue;
            }
            if (symbols.offer(line.strip()) || TextLines.isSpaceOrComment(line)) {
                continue;
            }
            if (line.startsWith("---")) {
                break;
            }
            int at = line.indexOf(" @");
            String count = at > 0 ? line.substring(0, at) : "";
            // "6 @" with no address: threads whose creation stack Go did not record; pprof
            // refuses the file, here they count with an empty stack.
            String pcList = at > 0 ? line.substring(at + 2) : "";
            if (count.isEmpty() || !count.chars().allMatch(c -> c >= '0' && c <= '9') || count.length() > 18
                    || !(pcList.isEmpty() || isAddressList(pcList))) {
                throw new ProfileFormatException("parsing " + name + " profile: line " + lines.number()
                        + " is not \"COUNT @ 0x... 0x...\"");
            }
            long[] pcs = LegacyProfile.hexAddresses(line.substring(at + 2), lines.number());
            last = p.add(pcs, LegacyProfile.ADJUST_ALL, Long.parseLong(count));
        }
        return p.finish(symbols, lines);
    }

    /** {@code ( 0x[0-9a-f]+)+}, as pprof's count line requires. */
    private static boolean isAddressList(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = 0;
        while (i < s.length()) {
            if (!s.startsWith(" 0x", i)) {
                return false;
            }
            int start = i += 3;
            while (i < s.length() && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || (s.charAt(i) >= 'a' && s.charAt(i) <= 'f'))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return true;
    }
}
