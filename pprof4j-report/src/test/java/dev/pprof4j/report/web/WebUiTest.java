package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI's HTTP behaviour without a browser: bounds, methods, refusals. */
class WebUiTest {
    static WebUi ui;
    static final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        ui = WebUi.builder(() -> ProfileSource.Snapshot.of(ShopProfile.profile(), "shop")).bind("127.0.0.1", 0)
                .dotCommand("/nonexistent/dot").start();
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(ui.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesANonLoopbackAddressUnlessAllowed() {
        IOException e = assertThrows(IOException.class,
                () -> WebUi.builder(() -> ProfileSource.Snapshot.of(ShopProfile.profile(), "x")).bind("0.0.0.0", 0).start());
        assertTrue(e.getMessage().startsWith("refusing to serve profiles on 0.0.0.0"), e.getMessage());
    }

    @Test
    void everyViewAnswers() throws Exception {
        for (String path : new String[] {"/", "/top", "/flamegraph", "/peek", "/peek?peek=serve", "/graph", "/source",
                "/top?si=1", "/ui/top"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("<nav>"), path);
            // Nothing is loaded from elsewhere: no external script, style or font.
            assertTrue(!r.body().contains("src=\"http") && !r.body().contains("href=\"http"), path);
        }
    }

    /** Go's ?mean=: the views show what the command line's -mean shows for the same settings. */
    @Test
    void meanShowsWhatTheCommandLineShows() throws Exception {
        HttpResponse<String> top = get("/top?si=alloc_space&mean=1");
        assertEquals(200, top.statusCode(), top.body());
        java.util.List<String> shown = new java.util.ArrayList<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr><td data-v=\"-?\\d+\">([^<]*)</td>"
                + "(?:<td[^>]*>[^<]*</td>){2}<td data-v=\"-?\\d+\">([^<]*)</td><td[^>]*>[^<]*</td>"
                + "<td class=\"name\"><a [^>]*>([^<]*)</a>").matcher(top.body());
        while (row.find()) {
            shown.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        java.util.List<String> printed = new java.util.ArrayList<>();
        for (String line : cli(dev.pprof4j.report.ReportFormat.TOP, "").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 6 && f[1].endsWith("%") && f[4].endsWith("%")) {
                printed.add(f[0] + " " + f[3] + " " + f[5]);
            }
        }
        assertEquals(printed, shown, top.body());
        // means, not sums: Shop.render allocated 100MB in 100 allocations
        assertTrue(shown.contains("1MB 1MB dev.example.Shop.render"), shown.toString());

        HttpResponse<String> peek = get("/peek?si=alloc_space&mean=true&peek=Shop%5C.serve");
        assertEquals(200, peek.statusCode(), peek.body());
        String expected = cli(dev.pprof4j.report.ReportFormat.PEEK, "Shop\\.serve");
        assertTrue(peek.body().contains("<pre id=\"peek-text\">"
                + dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml(expected) + "</pre>"), expected + "\n" + peek.body());
        assertTrue(expected.contains("1MB"), expected);

        HttpResponse<String> flame = get("/flamegraph?mean=1");
        assertEquals(400, flame.statusCode());
        assertTrue(flame.body().contains("mean= is not supported by the flame graph"), flame.body());
        assertTrue(top.body().contains("href=\"/flamegraph?si=alloc_space\""), "the flame graph's link leaves mean out");
    }

    /** The command line's report {@code format} of the shop profile by alloc_space with -mean. */
    private static String cli(dev.pprof4j.report.ReportFormat format, String regex) {
        dev.pprof4j.report.ReportConfig config = new dev.pprof4j.report.ReportConfig();
        config.format = format;
        config.peekRegex = regex;
        config.sampleIndex = "alloc_space";
        config.mean = true;
        StringBuilder out = new StringBuilder();
        dev.pprof4j.report.Reports.text(ShopProfile.profile(), config, out);
        return out.toString();
    }

    @Test
    void withoutDotTheGraphPageSaysSoAndShowsTheDotText() throws Exception {
        String body = get("/graph").body();
        assertTrue(body.contains("id=\"dot-missing\""), body);
        assertTrue(body.contains("digraph"), body);
    }

    /** Go's calltree=1 is taken (CallTreeTest checks the tree) and kept in the view's links under the table's name. */
    @Test
    void callTreeIsTakenAndKept() throws Exception {
        HttpResponse<String> tree = get("/graph?calltree=1");
        assertEquals(200, tree.statusCode(), tree.body());
        assertTrue(tree.body().contains("digraph") && tree.body().contains("call_tree=true"), tree.body());
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        assertEquals(400, get("/top?focus=" + "a".repeat(ViewParams.MAX_LENGTH + 1)).statusCode());
        assertEquals(400, get("/top?si=nosuchtype").statusCode());
        assertEquals(400, get("/graph?nodecount=lots").statusCode());
        HttpResponse<String> r = get("/top?peek=%28");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("parsing peek regexp"), r.body());
        assertEquals(404, get("/nosuch").statusCode());
        assertEquals(405, get("/refresh").statusCode());
        assertEquals(405, client.send(HttpRequest.newBuilder(ui.uri().resolve("/top"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void refreshRedirectsBackToTheSameView() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(ui.uri().resolve("/refresh"))
                .header("Referer", "http://evil.example/peek?si=alloc_space")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode());
        // only the path and query of the referer: never a redirect to another site
        assertEquals("/peek?si=alloc_space", r.headers().firstValue("Location").orElse(""));
    }

    @Test
    void sourcePathSearchesPackageDirectories() {
        assertEquals("dev/example/", SourceFinder.packagePath("dev.example.Shop.serve"));
        assertEquals("dev/example/", SourceFinder.packagePath("dev.example.Shop$Inner.run"));
        assertEquals("", SourceFinder.packagePath("main.main"));
        assertEquals("dev.example.Shop.serve", TopView.functionName("000000000000002a dev.example.Shop.serve Shop.java:5"));
        assertEquals("main.main", TopView.functionName("main.main"));
    }

    @Test
    void copiesAreIndependentOfTheLoadedProfile() {
        var original = ShopProfile.profile();
        var copy = original.copy();
        copy.samples.get(0).values[0] = -1;
        copy.functions.get(0).name = "changed";
        assertEquals(100, original.samples.get(0).values[0]);
        assertEquals("dev.example.Main.main", original.functions.get(0).name);
        assertEquals(original.samples.size(), copy.samples.size());
        assertEquals(original.locations.size(), copy.locations.size());
    }

    @Test
    void goNamesAndOursForOneParameterMustAgree() throws Exception {
        assertEquals(200, get("/top?f=Cache&focus=Cache").statusCode());
        HttpResponse<String> r = get("/top?f=Cache&focus=Shop");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("focus is given twice (Cache, Shop); give it once"), r.body());
        assertEquals(400, get("/top?g=addresses").statusCode());
        assertEquals(400, get("/top?noinlines=maybe").statusCode());
        assertEquals(200, get("/top?noinlines=t&trim=f&g=lines&nf=0.1&ef=0.01&unit=MB").statusCode());
    }

    @Test
    void downloadAnswersHeadAndRefusesOtherMethods() throws Exception {
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(ui.uri().resolve("/download"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("application/vnd.google.protobuf+gzip", head.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(ui.uri().resolve("/download"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
