package dev.pprof4j.cli;

import dev.pprof4j.report.heap.ClassHistogramText;
import dev.pprof4j.report.heap.HistogramDiff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER")
    String after;

    @Option(names = {"-n", "-nodecount"}, description = "rows to print (default ${DEFAULT-VALUE})", defaultValue = "30")
    int rows;

    @Override
    public Integer call() {
        String a = read(before);
        String b = read(after);
        try {
            var diff = HistogramDiff.diff(ClassHistogramText.parse(a, before), ClassHistogramText.parse(b, after));
            spec.commandLine().getOut().print(HistogramDiff.text(diff, rows));
            spec.commandLine().getOut().flush();
        } catch (IllegalArgumentException e) {
            throw new CliError(e.getMessage());
        }
        return 0;
    }

    /** A file, a URL, or host:port (then that agent's /debug/pprof/heap?debug=1). */
    static String read(String source) {
        String url = source.startsWith("http://") || source.startsWith("https://") ? source
                : source.matches("^[A-Za-z0-9.-]+:\\d+$") ? "http://" + source + "/debug/pprof/heap?debug=1" : null;
        try {
            if (url == null) {
                return Files.readString(Path.of(source));
            }
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new CliError(url + ": HTTP " + r.statusCode() + ": " + r.body().lines().findFirst().orElse(""));
            }
            return r.body();
        } catch (IOException e) {
            // HttpClient's ConnectException (refused, unknown host) has no message of its own
            String why = e instanceof java.net.ConnectException ? "cannot connect"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliError(source + ": " + why
                    + (url == null ? " (expected a file or an http URL)" : " (is the agent running there?)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError(source + ": interrupted");
        } catch (IllegalArgumentException e) {
            throw new CliError(source + ": not a valid URL: " + e.getMessage());
        }
    }
}
