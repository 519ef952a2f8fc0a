package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.ProfileFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer for the text and legacy readers, as ProfileDecoderFuzzTest is for
 * the protobuf decoder: real dumps and google/pprof's legacy test profiles with lines
 * dropped, repeated and swapped, bytes flipped, numbers blown past 64 bits, cut short. Each
 * input is either read (and the profile then encodes and decodes as valid protobuf) or
 * refused with a one-line {@link ProfileFormatException}; any other exception, or a hang,
 * fails and names the seed. Bounded by time ({@value #BUDGET_SECONDS} s; -Dpprof4j.fuzz.seconds=N).
 */
class TextFormatFuzzTest {
    private static final long SEED = 0x2545F4914F6CDD1DL;
    private static final int BUDGET_SECONDS = 10;
    private static final Path CORPUS = Path.of("/usr/share/gocode/src/github.com/google/pprof/profile/testdata");

    @Test
    void mutatedTextProfilesAreReadOrRefusedCleanly() throws IOException {
        List<byte[]> corpus = corpus();
        long seconds = Long.getLong("pprof4j.fuzz.seconds", BUDGET_SECONDS);
        int[] outcome = new int[3]; // read, refused, not sniffed as text
        long iterations = assertTimeoutPreemptively(Duration.ofSeconds(seconds + 30), () -> {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long i = 0;
            for (; System.nanoTime() < deadline; i++) {
                Random r = new Random(SEED + i);
                StringBuilder how = new StringBuilder();
                byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), r, how);
                TextFormat format = TextFormat.sniff(Arrays.copyOf(input, Math.min(input.length, 4096)));
                if (format == null) {
                    outcome[2]++;
                    continue;
                }
                try {
                    Profile p = format.read(input);
                    new ProfileDecoder(64 << 20).decode(ProfileEncoder.toGzipBytes(p));
                    outcome[0]++;
                } catch (ProfileFormatException e) {
                    outcome[1]++;
                    if (e.getMessage() == null || e.getMessage().indexOf('\n') >= 0) {
                        fail("message not one line (seed " + (SEED + i) + " " + how + "): " + e.getMessage());
                    }
                } catch (Throwable t) {
                    throw new AssertionError("seed " + (SEED + i) + " (" + format + ", " + how + "): " + t, t);
                }
            }
            return i;
        });
        System.out.printf("text fuzz: %d inputs in %d s: %d read, %d refused, %d not text%n",
                iterations, seconds, outcome[0], outcome[1], outcome[2]);
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "the mutations should both keep and break inputs");
    }

    private static List<byte[]> corpus() throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        for (String name : List.of("godumps/goroutine.debug1.txt", "godumps/goroutine.debug2.txt",
                "godumps/heap.debug1.txt", "godumps/threadcreate.debug1.txt", "godumps/mutex.debug1.txt",
                "godumps/block.debug1.txt", "javadumps/jstack17.txt", "javadumps/print25.txt",
                "javadumps/dump25.txt", "javadumps/dump25.json")) {
            try (InputStream in = TextFormatFuzzTest.class.getResourceAsStream("/dev/pprof4j/cli/" + name)) {
                corpus.add(in.readAllBytes());
            }
        }
        if (Files.isDirectory(CORPUS)) { // GoCorpusTest insists on it in CI
            try (var files = Files.list(CORPUS)) {
                for (Path f : files.filter(f -> !f.toString().endsWith(".string")).sorted().toList()) {
                    corpus.add(Files.readAllBytes(f));
                }
            }
        }
        return corpus;
    }

    private static byte[] mutate(byte[] original, Random r, StringBuilder how) {
        byte[] b = original.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(6)) {
                case 0 -> { // flip a byte, not the first line's (keep the format)
                    int at = firstLineEnd(b) + r.nextInt(Math.max(1, b.length - firstLineEnd(b)));
                    if (at < b.length) {
                        b[at] = (byte) r.nextInt(256);
                        how.append("flip@").append(at).append(' ');
                    }
                }
                case 1 -> { // cut short
                    int at = r.nextInt(b.length + 1);
                    b = Arrays.copyOf(b, Math.max(at, firstLineEnd(b)));
                    how.append("cut@").append(at).append(' ');
                }
                case 2, 3 -> { // drop, repeat or swap a line
                    List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
                    if (lines.size() > 2) {
                        int a = 1 + r.nextInt(lines.size() - 1);
                        int c = 1 + r.nextInt(lines.size() - 1);
                        switch (r.nextInt(3)) {
                            case 0 -> lines.remove(a);
                            case 1 -> lines.add(a, lines.get(c));
                            default -> {
                                String t = lines.get(a);
                                lines.set(a, lines.get(c));
                                lines.set(c, t);
                            }
                        }
                        how.append("lines ").append(a).append('/').append(c).append(' ');
                        b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    }
                }
                case 4 -> { // a number past 64 bits, or negative
                    String s = new String(b, StandardCharsets.UTF_8);
                    int at = firstLineEnd(b) + r.nextInt(Math.max(1, s.length() - firstLineEnd(b)));
                    while (at < s.length() && !Character.isDigit(s.charAt(at))) {
                        at++;
                    }
                    String insert = r.nextBoolean() ? "99999999999999999999999" : "-";
                    if (at < s.length()) {
                        b = (s.substring(0, at) + insert + s.substring(at)).getBytes(StandardCharsets.UTF_8);
                        how.append("number@").append(at).append(' ');
                    }
                }
                default -> { // a header repeated inside
                    int end = firstLineEnd(b);
                    int at = r.nextInt(b.length + 1);
                    byte[] out = new byte[b.length + end];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, 0, out, at, end);
                    System.arraycopy(b, at, out, at + end, b.length - at);
                    b = out;
                    how.append("header@").append(at).append(' ');
                }
            }
        }
        return b;
    }

    private static int firstLineEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }
}
