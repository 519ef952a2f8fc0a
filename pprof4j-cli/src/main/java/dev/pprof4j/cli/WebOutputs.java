package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.Reports;
import dev.pprof4j.report.flame.FlameGraphHtml;
import dev.pprof4j.report.flame.FlameGraphSvg;
import dev.pprof4j.report.flame.FrameTree;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.web.CallGraphSvg;
import dev.pprof4j.report.web.ProfileSource;
import dev.pprof4j.report.web.WebUi;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The graphical outputs: {@code -flame} (HTML, or SVG with {@code -svg} or an {@code .svg}
 * output), {@code -svg} alone (the call graph, as go tool pprof's {@code -svg}), and
 * {@code -http} (the web UI, serving until interrupted).
 */
final class WebOutputs {
    private WebOutputs() {
    }

    /** What the command line read: the sources and bases, kept apart for the differential graph. */
    record Inputs(Sources sources, List<String> names, List<String> base, List<String> diffBase) {
        ProfileSource.Snapshot load() throws IOException {
            Profile profile = sources.load(names, base, diffBase);
            String title = String.join(" ", names);
            List<String> bases = base.isEmpty() ? diffBase : base;
            if (bases.isEmpty()) {
                return ProfileSource.Snapshot.of(profile, title);
            }
            // Their parts, for the differential views: the profile above is the one saved.
            Profile current = sources.withoutSaving().load(names, List.of(), List.of());
            Profile baseProfile = sources.withoutSaving().load(bases, List.of(), List.of());
            return new ProfileSource.Snapshot(profile, current, baseProfile, title + " (base " + String.join(" ", bases) + ")");
        }
    }

    static int flame(Inputs inputs, ReportConfig config, boolean svg, Path output, PrintStream out, PrintStream err)
            throws IOException {
        ProfileSource.Snapshot snapshot = inputs.load();
        Report rpt = prepare(snapshot.profile(), config);
        FrameTree tree = snapshot.base() == null ? FlameGraphHtml.tree(rpt.profile, null)
                : FlameGraphHtml.tree(prepare(snapshot.current(), config).profile, prepare(snapshot.base(), config).profile);
        boolean asSvg = svg || (output != null && output.toString().endsWith(".svg"));
        try (Writer writer = writer(output, out, err)) {
            if (asSvg) {
                FlameGraphSvg.write(tree, snapshot.name() + " " + rpt.sampleType, rpt.sampleIndex, writer);
            } else {
                List<String> notes = new ArrayList<>(rpt.profile.comments);
                FlameGraphHtml.write(tree, snapshot.name(), notes, rpt.sampleIndex, "", writer);
            }
        }
        return 0;
    }

    /** {@code -dot}, {@code -svg}, {@code -png}, {@code -pdf}, {@code -gif}, {@code -ps}: the call graph; all but the first two refuse a terminal. */
    static int callGraph(Profile profile, ReportConfig config, Path output, PrintStream out, PrintStream err)
            throws IOException {
        String format = config.format.command;
        // go tool pprof keeps these away from a terminal (PostScript too)
        boolean binary = List.of("png", "pdf", "gif", "ps").contains(format);
        if (binary && output == null && System.console() != null) {
            throw new CliError("-" + format + " writes binary data; name a file with -output F");
        }
        Report rpt = prepare(profile, config);
        rpt.warnings.forEach(err::println);
        byte[] graph = CallGraphSvg.render(rpt, config.nodeCount, format);
        if (output == null) {
            out.write(graph);
            out.flush();
        } else {
            err.println("Generating report in " + output);
            Files.write(output, graph);
        }
        return 0;
    }

    /**
     * {@code -weblist RE}: the annotated source page, to {@code -output}, else (as go tool
     * pprof) to a temporary file opened in the browser; stderr names the file either way.
     */
    static int webList(Profile profile, ReportConfig config, Path output, PrintStream err) throws IOException {
        StringBuilder page = new StringBuilder(16384);
        List<String> warnings = new ArrayList<>();
        Reports.text(profile, config, page, warnings);
        warnings.forEach(err::println);
        Path file = output != null ? output : Files.createTempFile("pprof4j-weblist", ".html");
        err.println("Generating report in " + file);
        Files.writeString(file, page, StandardCharsets.UTF_8);
        if (output == null) {
            Browser.open(file.toUri().toString(), err);
        }
        return 0;
    }

    /** Starts the web UI on {@code hostPort} ({@code -http}; the shell's {@code web} on a free loopback port). */
    static WebUi start(Inputs inputs, String hostPort, boolean allowRemote, List<String> allowHosts, List<Path> sourcePath)
            throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new CliError("-http=" + hostPort + ": expected HOST:PORT, e.g. -http=127.0.0.1:8081 or -http=:0");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CliError("-http=" + hostPort + ": port must be a number", e);
        }
        WebUi ui;
        try {
            List<String> bases = inputs.base().isEmpty() ? inputs.diffBase() : inputs.base();
            AgentHistoryUrl history = AgentHistoryUrl.of(inputs.names(), bases, inputs.sources());
            ProfileSource source = new ProfileSource() {
                @Override
                public Snapshot load() throws IOException {
                    return inputs.load();
                }

                @Override
                public dev.pprof4j.report.web.AgentHistory history() {
                    return history;
                }
            };
            ui = WebUi.builder(source).bind(host.isEmpty() ? "127.0.0.1" : host, port)
                    .allowRemote(allowRemote).allowHosts(allowHosts).sourcePath(sourcePath).start();
        } catch (java.net.BindException e) {
            throw new CliError("-http=" + hostPort + ": cannot listen there (" + e.getMessage()
                    + "); pick another port, or :0 for any free one", e);
        }
        return ui;
    }

    /** Serves the web UI until the process is interrupted (Ctrl-C). */
    static int serve(Inputs inputs, String hostPort, boolean allowRemote, List<String> allowHosts, List<Path> sourcePath,
            PrintStream err)
            throws IOException, InterruptedException {
        WebUi ui = start(inputs, hostPort, allowRemote, allowHosts, sourcePath);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ui.close();
            stopped.countDown();
        }, "pprof4j-web-stop"));
        err.println("Serving web UI on " + ui.uri());
        err.flush();
        stopped.await();
        return 0;
    }

    private static Report prepare(Profile profile, ReportConfig config) {
        return Reports.prepare(profile, config);
    }

    private static Writer writer(Path output, PrintStream out, PrintStream err) throws IOException {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8), 1 << 16);
        }
        err.println("Generating report in " + output);
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

    /** Standard output stays open after one report is written to it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(PrintStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
