package dev.pprof4j.cli;

import dev.pprof4j.report.heap.ClassHistogramText;
import dev.pprof4j.report.heap.HistogramDiff;
import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.AgentFetch;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pprof4j histodiff A B}: how the exact live heap changed by class between two class
 * histograms — files saved from {@code jcmd <pid> GC.class_histogram} or
 * {@code /debug/pprof/heap?debug=1}, or such URLs (host:port means that agent's debug=1 heap).
 */
@Command(name = "histodiff", mixinStandardHelpOptions = true,
        description = "Diff two class histograms (jcmd GC.class_histogram or heap?debug=1; files or URLs)")
public final class HistodiffCommand implements Callable<Integer> {
    /** A class histogram of a big heap is a few MB; a bigger answer is something else. */
    static final long MAX_TEXT_BYTES = 256L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER")
    String after;

    @Option(names = {"-n", "-nodecount"}, description = "rows to print (default ${DEFAULT-VALUE})", defaultValue = "30")
    int rows;

    @Mixin
    TokenOption token = new TokenOption();

    @Override
    public Integer call() {
        AgentAuth auth = token.auth(List.of(before, after));
        String a = read(AgentAuth.withoutToken(before), auth);
        String b = read(AgentAuth.withoutToken(after), auth);
        try {
            var diff = HistogramDiff.diff(ClassHistogramText.parse(a, AgentAuth.withoutToken(before)),
                    ClassHistogramText.parse(b, AgentAuth.withoutToken(after)));
            spec.commandLine().getOut().print(HistogramDiff.text(diff, rows));
            spec.commandLine().getOut().flush();
        } catch (IllegalArgumentException e) {
            throw new CliError(e.getMessage());
        }
        return 0;
    }

    /** A file, a URL, or host:port (then that agent's /debug/pprof/heap?debug=1), as text. */
    static String read(String source, AgentAuth auth) {
        String url = source.startsWith("http://") || source.startsWith("https://") ? source
                : AgentTarget.isHostPort(source) ? "http://" + source.replaceFirst("/$", "") + "/debug/pprof/heap?debug=1"
                : null;
        if (url == null) {
            return readFile(source);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliError(source + ": not a valid URL: " + e.getMessage());
        }
        AgentFetch.Answer answer;
        try {
            answer = AgentFetch.get(uri, auth, Duration.ofSeconds(120), MAX_TEXT_BYTES);
        } catch (IOException e) {
            throw new CliError(url + ": " + e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new CliError(url + ": HTTP " + answer.status() + ": " + AgentAuth.redact(answer.firstLine())
                    + (answer.status() == 401 ? "; set " + AgentToken.ENV + " or use -token_file FILE" : ""));
        }
        if (answer.truncated()) {
            throw new CliError(url + ": the answer is larger than " + MAX_TEXT_BYTES + " bytes; is it a class histogram?");
        }
        return text(answer.body(), url);
    }

    private static String readFile(String source) {
        Path path = Path.of(source);
        try {
            if (Files.size(path) > MAX_TEXT_BYTES) {
                throw new CliError(source + ": " + Files.size(path) + " bytes is more than a class histogram's limit of "
                        + MAX_TEXT_BYTES);
            }
            return text(Files.readAllBytes(path), source);
        } catch (NoSuchFileException e) {
            throw new CliError(source + ": no such file (expected a file, an http URL or host:port)");
        } catch (IOException e) {
            throw new CliError(source + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The bytes as UTF-8 text; a gzip or other binary file says what it is instead of a decoder's message. */
    private static String text(byte[] bytes, String source) {
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        try {
            if (!gzip) {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
        } catch (CharacterCodingException e) {
            // binary: said below
        }
        throw new CliError(source + ": expected a class histogram text (jcmd GC.class_histogram or heap?debug=1) and got"
                + " a binary file" + (gzip ? " (gzip: a pprof profile? compare those with pprof4j -top -base BEFORE AFTER)"
                : ""));
    }
}
