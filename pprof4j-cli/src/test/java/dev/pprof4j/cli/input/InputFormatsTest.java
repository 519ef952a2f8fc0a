package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line takes collapsed stacks wherever it takes a profile. */
class InputFormatsTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void topReadsACollapsedStackFile() throws Exception {
        Path file = dir.resolve("stacks.txt");
        Files.writeString(file, "main;work;sort 30\nmain;work 10\nmain;io 60\n");
        String top = run("-top", file.toString());
        assertTrue(top.contains("Type: samples"), top);
        assertTrue(top.matches("(?s).*\\n\\s+60\\s+60(\\.00)?% .*io\\n.*"), top);
    }

    @Test
    void flameWritesAPageFromCollapsedStacks() throws Exception {
        Path file = dir.resolve("stacks.txt");
        Files.writeString(file, "main;work;sort 30\nmain;io 60\n");
        Path html = dir.resolve("f.html");
        run("-flame", "-output", html.toString(), file.toString());
        String page = Files.readString(html);
        // names in order of first sight; nodes in pre-order, siblings by name (io before work)
        assertTrue(page.contains("\"names\":[\"root\",\"main\",\"work\",\"sort\",\"io\"]"), page);
        assertTrue(page.contains("\"name\":[0,1,4,2,3]"), page);
        assertFalse(page.contains("src=\"http"));
    }

    @Test
    void sniffsFormats() {
        assertTrue(JfrProfileReader.isJfr(new byte[] {'F', 'L', 'R', 0, 0, 2}));
        assertTrue(InputFormats.isCollapsedText("# comment\na;b 3\n".getBytes(StandardCharsets.UTF_8)));
        assertFalse(InputFormats.isCollapsedText(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertFalse(InputFormats.isCollapsedText("a;b 3\0".getBytes(StandardCharsets.UTF_8)));
    }
}
