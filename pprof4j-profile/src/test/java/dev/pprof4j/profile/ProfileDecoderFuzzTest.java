package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer for the decoder: valid profiles with bits flipped, cut short,
 * spliced, lengths rewritten, bytes inserted and deleted. Every input must either decode
 * (and then survive encode → decode unchanged) or be refused with a
 * {@link ProfileFormatException}; any other exception, or a hang, fails. Iteration {@code i}
 * uses seed {@code SEED + i}, so a failure names the seed that reproduces it.
 *
 * <p>Bounded by time ({@value #BUDGET_SECONDS} s, override with -Dpprof4j.fuzz.seconds=N
 * for a longer local run) rather than iterations, so CI's cost is fixed.
 */
class ProfileDecoderFuzzTest {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final int BUDGET_SECONDS = 15;

    @Test
    void mutatedProfilesDecodeOrAreRefusedCleanly() {
        long seconds = Long.getLong("pprof4j.fuzz.seconds", BUDGET_SECONDS);
        List<byte[]> corpus = corpus();
        ProfileDecoder decoder = new ProfileDecoder(8 << 20);
        int[] outcome = new int[2]; // decoded, refused
        long iterations = assertTimeoutPreemptively(Duration.ofSeconds(seconds + 30), () -> {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long i = 0;
            for (; System.nanoTime() < deadline; i++) {
                Random r = new Random(SEED + i);
                StringBuilder how = new StringBuilder();
                byte[] input = mutate(corpus, r, how);
                try {
                    Profile p = decoder.decode(input);
                    outcome[0]++;
                    Profile again = decoder.decode(ProfileEncoder.toGzipBytes(p));
                    assertEquals(GoRawProfile.canonicalSamples(p), GoRawProfile.canonicalSamples(again),
                            "re-encoding changed samples; seed " + (SEED + i) + " " + how);
                } catch (ProfileFormatException e) {
                    outcome[1]++;
                    if (e.getMessage().indexOf('\n') >= 0 || !e.getMessage().contains("profile: ")) {
                        fail("message not one line with context (seed " + (SEED + i) + "): " + e.getMessage());
                    }
                } catch (Throwable t) {
                    throw new AssertionError("seed " + (SEED + i) + " (" + how + "): " + t, t);
                }
            }
            return i;
        });
        System.out.printf("fuzz: %d inputs in %d s: %d decoded, %d refused%n",
                iterations, seconds, outcome[0], outcome[1]);
        assertTrue(iterations > 1000, "the fuzzer ran too few inputs to mean anything: " + iterations);
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "mutations both kept and broke profiles");
    }

    private static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(ProfileEncoder.toProtoBytes(TestProfiles.everyField()));
        corpus.add(ProfileEncoder.toProtoBytes(TestProfiles.large(11, 40, 12)));
        corpus.add(ProfileEncoder.toProtoBytes(TestProfiles.large(12, 5, 3)));
        corpus.add(ProfileEncoder.toGzipBytes(TestProfiles.everyField()));
        return corpus;
    }

    static byte[] mutate(List<byte[]> corpus, Random r, StringBuilder how) {
        byte[] data = corpus.get(r.nextInt(corpus.size())).clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && data.length > 0; k++) {
            int at = r.nextInt(data.length);
            switch (r.nextInt(7)) {
                case 0 -> {
                    int bits = 1 + r.nextInt(4);
                    for (int b = 0; b < bits; b++) {
                        data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    how.append("flip ").append(bits).append(' ');
                }
                case 1 -> {
                    data = Arrays.copyOf(data, at);
                    how.append("truncate@").append(at).append(' ');
                }
                case 2 -> {
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    int from = r.nextInt(other.length);
                    int len = Math.min(1 + r.nextInt(64), other.length - from);
                    data = insert(data, at, Arrays.copyOfRange(other, from, from + len));
                    how.append("splice@").append(at).append('+').append(len).append(' ');
                }
                case 3 -> {
                    long[] lengths = {0, 1, 127, 128, 16383, 1 << 20, Integer.MAX_VALUE, -1L, r.nextInt(1 << 16)};
                    long v = lengths[r.nextInt(lengths.length)];
                    ProtoWriter w = new ProtoWriter(16);
                    w.varint(v);
                    byte[] varint = w.toByteArray();
                    System.arraycopy(varint, 0, data, at, Math.min(varint.length, data.length - at));
                    how.append("length@").append(at).append('=').append(v).append(' ');
                }
                case 4 -> {
                    byte[] junk = new byte[1 + r.nextInt(8)];
                    r.nextBytes(junk);
                    data = insert(data, at, junk);
                    how.append("insert@").append(at).append(' ');
                }
                case 5 -> {
                    int len = Math.min(1 + r.nextInt(16), data.length - at);
                    byte[] out = new byte[data.length - len];
                    System.arraycopy(data, 0, out, 0, at);
                    System.arraycopy(data, at + len, out, at, data.length - at - len);
                    data = out;
                    how.append("delete@").append(at).append('+').append(len).append(' ');
                }
                default -> {
                    int len = Math.min(1 + r.nextInt(32), data.length - at);
                    data = insert(data, r.nextInt(data.length), Arrays.copyOfRange(data, at, at + len));
                    how.append("duplicate@").append(at).append('+').append(len).append(' ');
                }
            }
        }
        return data;
    }

    private static byte[] insert(byte[] data, int at, byte[] piece) {
        byte[] out = new byte[data.length + piece.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(data, at, out, at + piece.length, data.length - at);
        return out;
    }
}
