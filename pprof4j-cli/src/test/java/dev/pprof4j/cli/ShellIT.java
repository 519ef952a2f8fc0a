package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.ExternalTool;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interactive shell, fed commands on standard input as a pipe, against go tool pprof fed
 * the same: the same prompts and reports on stdout, the same greetings, option listings and
 * errors on stderr.
 */
class ShellIT {
    /** Command scripts whose stdout and stderr must both be go tool pprof's. */
    @ParameterizedTest
    @ValueSource(strings = {
        "top 5\nquit\n",
        "foo\nfocus\nnodecount\ncum\nsample_index=xx\nlist\ntop3 -cum allocSmall\nhelp top\nhelp focus\nhelp lines\n",
        "sample_index=alloc_space\nfocus=main\ntop\n:\ntree 3\ntags\nlist allocSmall\npeek main.main\n",
        "noinlines=yes\ntop -runtime\nshow_from=main.main\ntraces\ninuse_objects\ntop\ncum=true\ntop 4\n",
        "granularity=lines\ntop 4\nfunctions=true\ntags 64B\ntop10 -alloc\ntrim=false\ntree\nexit\ntop\n",
    })
    void sameAsGoToolPprof(String script, @TempDir Path dir) throws IOException {
        String heap = GoProfiles.path("heap2.pb.gz");
        Command.Result go = go(heap, script, dir);
        Run ours = shell(heap, script);
        assertEquals(0, ours.code, ours.err);
        assertEquals(go.stdout(), ours.out, script);
        assertEquals(go.stderr(), ours.err, script);
    }

    /** help and o list what pprof4j has: each line is go tool pprof's, in go tool pprof's order. */
    @Test
    void helpAndOptionsAreGoLinesForWhatIsImplemented(@TempDir Path dir) throws IOException {
        String heap = GoProfiles.path("heap2.pb.gz");
        for (String script : List.of("help\n", "o\n", "sample_index=alloc_objects\nfocus=x\ncum=1\nnodecount=7\no\n")) {
            List<String> theirs = go(heap, script, dir).stderr().lines().toList();
            List<String> ours = shell(heap, script).err.lines().toList();
            int at = 0;
            for (String line : ours) {
                int found = theirs.subList(at, theirs.size()).indexOf(line);
                assertTrue(found >= 0, "not in go tool pprof's " + script.strip() + " (or out of order): '" + line + "'");
                at += found + 1;
            }
            assertTrue(ours.size() > 20, ours.toString());
        }
    }

    /** callgrind writes -callgrind's report to a file: the one named after >, else a new one it names, as go tool pprof's shell. */
    @Test
    void callgrindWritesAFile(@TempDir Path dir) throws IOException {
        String heap = GoProfiles.path("heap2.pb.gz");
        Path named = dir.resolve("cg.out");
        Run ours = shell(heap, "focus=allocSmall\ncallgrind >" + named + "\ncallgrind\n");
        assertEquals(0, ours.code, ours.err);
        String expected = CliRun.of("-callgrind", "-focus=allocSmall", heap).stdout();
        assertTrue(expected.contains("fn=") && expected.contains("main.allocSmall"), expected);
        assertEquals(expected, Files.readString(named));
        Matcher m = Pattern.compile("Generating report in (\\S+\\.callgraph\\.out)").matcher(ours.err);
        assertTrue(m.find(), ours.err);
        Path made = Path.of(m.group(1));
        try {
            assertEquals(expected, Files.readString(made));
        } finally {
            Files.deleteIfExists(made);
        }
        assertTrue(!ours.out.contains("positions:"), "the report went to stdout: " + ours.out);
    }

    /** Without commands on its input (a script's </dev/null) the report mode prints -top, as it always did. */
    @Test
    void noCommandsPrintsTheTopReport() {
        String heap = GoProfiles.path("heap2.pb.gz");
        Run ours = shell(heap, "");
        assertEquals(0, ours.code, ours.err);
        assertEquals(CliRun.of("-top", heap).stdout(), ours.out);
        assertEquals("", ours.err);
    }

    /** web serves the web UI on this profile with the shell's options, until the shell exits. */
    @Test
    void webOpensTheWebUi() throws Exception {
        String heap = GoProfiles.path("heap2.pb.gz");
        PipedWriter commands = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(commands));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(
                () -> Main.run(new String[] {heap}, in, false, outStream, errStream));
        commands.write("focus=allocSmall\nweb\n");
        commands.flush();
        Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/graph\\?\\S*)");
        String found = null;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); found == null && System.nanoTime() < end; ) {
            Matcher m = url.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                found = m.group(1);
            } else {
                Thread.sleep(50);
            }
        }
        assertTrue(found != null && found.contains("focus=allocSmall"), err.toString(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        String top = found.replace("/graph?", "/top?");
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(top)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("main.allocSmall") && !page.body().contains("main.allocLarge"), page.body());
        commands.write("quit\n");
        commands.close();
        assertEquals(0, shell.get(30, TimeUnit.SECONDS));
        // the UI is gone with the shell
        assertTrue(refused(client, top), "the web UI still answers after quit");
    }

    private static boolean refused(HttpClient client, String url) throws InterruptedException {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run shell(String profile, String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(new String[] {profile}, new BufferedReader(new StringReader(script)), false, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** go tool pprof PROFILE with {@code script} on its standard input. */
    private static Command.Result go(String profile, String script, Path dir) throws IOException {
        Path commands = dir.resolve("commands.txt");
        Files.writeString(commands, script);
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$0\" tool pprof \"$1\" < \"$2\"",
                ExternalTool.require("go", "golang-go").toString(), profile, commands.toString()));
        return Command.run(Duration.ofMinutes(2), command).requireSuccess(command);
    }
}
