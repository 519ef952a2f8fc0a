package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.browser.HeadlessChromium;
import dev.pprof4j.testkit.ExternalTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** Every view of the web UI in real headless Chromium, against a server on a loopback port. */
class WebUiIT {
    @TempDir
    static Path sources;
    static ShopUiInBrowser shop;
    static WebUi ui;
    static HeadlessChromium browser;
    static ChromeDriver driver;
    static AtomicInteger loads;

    @BeforeAll
    static void start() throws IOException {
        ShopProfile.writeSource(sources);
        shop = ShopUiInBrowser.start(b -> b.sourcePath(List.of(sources)));
        ui = shop.ui;
        browser = shop.browser;
        driver = shop.driver;
        loads = shop.loads;
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static void open(String pathAndQuery) {
        shop.open(pathAndQuery);
    }

    private static String firstRowName() {
        return driver.findElement(By.cssSelector("#top-table tbody tr td.name a")).getText();
    }

    @Test
    void topTableSortsAndSwitchesSampleIndex() {
        open("/top");
        assertEquals("dev.example.Cache.put", firstRowName(), "inuse_space is the default sample type");
        assertTrue(driver.findElement(By.id("labels")).getText().contains("Type: inuse_space"));
        // Sorting by name puts Cache.put first ascending... click twice to sort descending by cum instead.
        List<WebElement> headers = driver.findElements(By.cssSelector("#top-table th"));
        headers.get(3).click(); // cum, descending
        assertEquals("dev.example.Main.main", firstRowName());
        browser.screenshot("web-top-sorted-by-cum");

        new Select(driver.findElement(By.id("si"))).selectByValue("alloc_space");
        assertTrue(driver.getCurrentUrl().contains("si=alloc_space"), driver.getCurrentUrl());
        assertEquals("dev.example.Shop.render", firstRowName());
        assertTrue(driver.findElement(By.id("labels")).getText().contains("Type: alloc_space"));
        browser.screenshot("web-top-alloc-space");

        // The sample index rides along to the other views through the links.
        browser.clickAndWaitForPage(driver.findElement(By.id("nav-peek")));
        assertTrue(driver.getCurrentUrl().contains("/peek?si=alloc_space"), driver.getCurrentUrl());
    }

    @Test
    void peekShowsCallersAndCallees() {
        open("/top");
        browser.clickAndWaitForPage(driver.findElement(By.linkText("dev.example.Shop.serve")));
        String text = driver.findElement(By.id("peek-text")).getText();
        assertTrue(text.contains("dev.example.Main.main") && text.contains("dev.example.Cache.put"), text);
        browser.screenshot("web-peek");
    }

    @Test
    void sourceShowsLinesWithTheirValues() {
        open("/top?si=alloc_space");
        browser.clickAndWaitForPage(driver.findElement(By.cssSelector("#top-table tbody tr td.name a.src")));
        assertTrue(driver.getCurrentUrl().contains("focus="), driver.getCurrentUrl());
        String listing = driver.findElement(By.cssSelector("pre.weblist")).getText();
        assertTrue(listing.replaceAll("\\s+", " ").contains(" 10 100MB 100MB return key.repeat(1000);"), listing);
        browser.screenshot("web-source");
    }

    /**
     * Go's /source view (-weblist's page): each line shows -list's flat and cum, and a line
     * with calls expands on a click to the functions called there, with their values.
     */
    @Test
    void sourceLinesShowListsValuesAndExpandToTheirCalls() throws IOException {
        browser.consoleErrors(); // only this page's
        open("/source?si=alloc_space&f=Shop%5C.serve");
        Map<Long, String> shown = lineValues(driver.findElement(By.cssSelector("pre.weblist")).getText());
        dev.pprof4j.report.ReportConfig config = new dev.pprof4j.report.ReportConfig();
        config.format = dev.pprof4j.report.ReportFormat.LIST;
        config.peekRegex = "Shop\\.serve";
        config.sampleIndex = "alloc_space";
        config.sourcePath = sources.resolve("dev/example").toString();
        StringBuilder list = new StringBuilder();
        dev.pprof4j.report.Reports.text(ShopProfile.profile(), config, list);
        Map<Long, String> listed = lineValues(list.toString());
        assertEquals(". 100MB", listed.get(5L), list.toString());
        assertEquals(". 20MB", listed.get(6L), list.toString());
        assertEquals(listed, shown, "the page's lines are -list's:\n" + list);

        WebElement call = driver.findElement(By.xpath(
                "//pre[@class='weblist']/span[@class='line' and normalize-space()='5']/following-sibling::span[1]"));
        assertEquals("livesrc", call.getAttribute("class"));
        WebElement calls = call.findElement(By.xpath("following-sibling::span[1]"));
        assertFalse(calls.isDisplayed(), "calls are folded until clicked");
        call.click();
        assertTrue(calls.isDisplayed(), "a click on the line shows its calls");
        String text = calls.getText().replaceAll("\\s+", " ").strip();
        assertEquals("100MB 100MB calls dev.example.Shop.render Shop.java:10", text);
        browser.screenshot("web-source-expanded");
        call.click();
        assertFalse(calls.isDisplayed(), "a second click folds them");
        assertEquals(List.of(), browser.consoleErrors());
    }

    /** Line number to "flat cum" of each row of a listing: -list's text, or the page's text; "." for none. */
    static Map<Long, String> lineValues(String listing) {
        boolean listText = listing.startsWith("Total: ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(listText
                ? "(?m)^\\s*(\\S+)\\s+(\\S+)\\s+(\\d+):"
                : "(?m)^\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)(?:\\s|$)").matcher(listing);
        Map<Long, String> values = new java.util.TreeMap<>();
        while (m.find()) {
            values.put(Long.parseLong(m.group(listText ? 3 : 1)), listText ? m.group(1) + " " + m.group(2)
                    : m.group(2) + " " + m.group(3));
        }
        return values;
    }

    @Test
    void callGraphIsDrawnByDot() {
        ExternalTool.require("dot", "graphviz");
        open("/graph");
        WebElement graph = driver.findElement(By.cssSelector("#graph svg"));
        String text = graph.getText();
        assertTrue(text.contains("dev.example.Cache.put") && text.contains("80MB"), text);
        browser.screenshot("web-graph");
    }

    @Test
    void flameGraphZoomsOnClickAndKeepsTheSampleIndex() {
        open("/flamegraph?si=alloc_space");
        assertEquals("alloc_space (bytes)", new Select(driver.findElement(By.id("si"))).getFirstSelectedOption().getText());
        assertEquals(1, driver.findElements(By.tagName("select")).stream()
                .filter(s -> s.isDisplayed() && s.getAccessibleName().startsWith("Sample")).count(),
                "one Sample selector on the flame graph page");
        assertFalse(driver.findElement(By.id("sample-index")).isDisplayed());
        @SuppressWarnings("unchecked")
        Map<String, Number> c = (Map<String, Number>) ((JavascriptExecutor) driver)
                .executeScript("return window.pprof4jFlame.frameCenter('dev.example.Shop.serve');");
        assertNotNull(c);
        WebElement canvas = driver.findElement(By.id("flame"));
        Rectangle r = canvas.getRect();
        new Actions(driver).moveToElement(canvas, (int) (c.get("x").doubleValue() - r.width / 2.0),
                (int) (c.get("y").doubleValue() - r.height / 2.0)).click().perform();
        assertTrue(driver.findElement(By.id("zoomed")).getText().contains("Zoomed into dev.example.Shop.serve"));
        browser.screenshot("web-flame-zoomed");
    }

    @Test
    void refreshReloadsTheSourcesAndStaysOnTheView() {
        open("/peek?si=alloc_objects");
        int before = loads.get();
        assertEquals("shop load " + before, driver.findElement(By.id("profile-name")).getText());
        browser.clickAndWaitForPage(driver.findElement(By.id("refresh")));
        assertEquals("shop load " + (before + 1), driver.findElement(By.id("profile-name")).getText());
        assertTrue(driver.getCurrentUrl().endsWith("/peek?si=alloc_objects"), driver.getCurrentUrl());
    }

    private static java.util.Set<String> topRowNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (WebElement a : driver.findElements(By.cssSelector("#top-table tbody tr td.name a:not(.src)"))) {
            names.add(a.getText());
        }
        return names;
    }

    private static boolean flameHasFrame(String name) {
        return ((JavascriptExecutor) driver)
                .executeScript("return window.pprof4jFlame.frameCenter(arguments[0]);", name) != null;
    }

    /**
     * A focus typed into the bar keeps only the stacks through a matching frame, in every
     * view it is carried to through the URL, and a bookmark of that URL opens the same page.
     */
    @Test
    void focusKeepsOnlyMatchingStacksAcrossViewsAndBookmarks() {
        open("/top");
        assertTrue(topRowNames().contains("dev.example.Shop.render"), topRowNames().toString());
        driver.findElement(By.id("focus")).sendKeys("Cache");
        browser.clickAndWaitForPage(driver.findElement(By.id("apply")));
        String url = driver.getCurrentUrl();
        assertTrue(url.contains("focus=Cache"), url);
        // Only main -> serve -> Cache.put passes through Cache: 80MB in use.
        assertEquals(java.util.Set.of("dev.example.Cache.put", "dev.example.Shop.serve", "dev.example.Main.main"),
                topRowNames());
        assertEquals("dev.example.Cache.put", firstRowName());
        String labels = driver.findElement(By.id("labels")).getText();
        assertTrue(labels.contains("80MB"), labels);
        browser.screenshot("web-top-focus-cache");

        browser.clickAndWaitForPage(driver.findElement(By.id("nav-flame")));
        assertTrue(driver.getCurrentUrl().contains("/flamegraph?") && driver.getCurrentUrl().contains("focus=Cache"),
                driver.getCurrentUrl());
        assertEquals("Cache", driver.findElement(By.id("focus")).getAttribute("value"));
        assertTrue(flameHasFrame("dev.example.Cache.put"));
        assertFalse(flameHasFrame("dev.example.Shop.render"), "render does not pass through Cache");
        assertFalse(flameHasFrame("dev.example.Gc.idle"), "idle does not pass through Cache");
        browser.screenshot("web-flame-focus-cache");
        String flameUrl = driver.getCurrentUrl();

        // The bookmark: a fresh load of each URL, as a colleague opening the link would.
        driver.get("about:blank");
        driver.get(url);
        assertEquals("Cache", driver.findElement(By.id("focus")).getAttribute("value"));
        assertEquals(java.util.Set.of("dev.example.Cache.put", "dev.example.Shop.serve", "dev.example.Main.main"),
                topRowNames());
        driver.get("about:blank");
        driver.get(flameUrl);
        assertTrue(flameHasFrame("dev.example.Cache.put"));
        assertFalse(flameHasFrame("dev.example.Shop.render"));

        // And clearing it brings every stack back.
        browser.clickAndWaitForPage(driver.findElement(By.id("clear")));
        assertTrue(flameHasFrame("dev.example.Shop.render"));
    }

    @Test
    void aBadFilterSaysWhatIsWrong() {
        open("/top");
        WebElement focus = driver.findElement(By.id("focus"));
        focus.sendKeys("serve(");
        browser.clickAndWaitForPage(driver.findElement(By.id("apply")));
        assertTrue(driver.getCurrentUrl().contains("focus=serve%28"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("error")).getText().startsWith("parsing focus regexp"),
                driver.findElement(By.id("error")).getText());
    }

    /**
     * go tool pprof's own web UI names ({@code f}, {@code i}, {@code h}, {@code s}, {@code si},
     * {@code sort}; its driver's {@code urlparam} table) open the views ours do, so a URL
     * from Go's UI or a Go engineer's habit works as it is.
     */
    @Test
    void goToolPprofsQueryNamesOpenTheSameViews() {
        open("/top?f=Cache");
        assertEquals("Cache", driver.findElement(By.id("focus")).getAttribute("value"));
        assertEquals(java.util.Set.of("dev.example.Cache.put", "dev.example.Shop.serve", "dev.example.Main.main"),
                topRowNames());

        open("/top?si=alloc_space&ignore=Cache&hide=Main");
        java.util.Set<String> ours = topRowNames();
        String ourLabels = driver.findElement(By.id("labels")).getText();
        open("/top?si=alloc_space&i=Cache&h=Main");
        assertEquals(ours, topRowNames());
        assertEquals(ourLabels, driver.findElement(By.id("labels")).getText());
        assertEquals("alloc_space (bytes)", new Select(driver.findElement(By.id("si"))).getFirstSelectedOption().getText());
        assertFalse(ours.contains("dev.example.Cache.put") || ours.contains("dev.example.Main.main"), ours.toString());

        open("/top?s=Shop");
        assertEquals(java.util.Set.of("dev.example.Shop.serve", "dev.example.Shop.render"), topRowNames());
        assertEquals("Shop", driver.findElement(By.id("show")).getAttribute("value"));

        open("/top?sort=cum");
        assertEquals("dev.example.Main.main", firstRowName(), "main is on every stack: first by cum");
        // The setting rides along when the filter form is applied.
        driver.findElement(By.id("focus")).sendKeys("Shop");
        browser.clickAndWaitForPage(driver.findElement(By.id("apply")));
        assertTrue(driver.getCurrentUrl().contains("sort=cum"), driver.getCurrentUrl());
        assertEquals("dev.example.Main.main", firstRowName());

        // Go's /source?f= names the function whose lines are shown.
        open("/source?si=alloc_space&f=Shop%5C.render");
        String row = driver.findElement(By.cssSelector("pre.weblist")).getText().replaceAll("\\s+", " ");
        assertTrue(row.contains(" 10 100MB 100MB return key.repeat"), row);

        // Every option of the command line's table with a Go URL name applies: show_from drops
        // the frames above Shop.serve, and rides along when the filter form is applied.
        open("/top?sf=Shop%5C.serve");
        java.util.Set<String> fromServe = topRowNames();
        assertTrue(fromServe.contains("dev.example.Shop.serve") && !fromServe.contains("dev.example.Main.main"),
                fromServe.toString());
        browser.clickAndWaitForPage(driver.findElement(By.id("apply")));
        assertTrue(driver.getCurrentUrl().contains("show_from=Shop"), driver.getCurrentUrl());
        assertEquals(fromServe, topRowNames());

        open("/top?norm=1");
        assertTrue(driver.findElement(By.id("error")).getText()
                .startsWith("norm= (go tool pprof's -normalize) is not supported by this web UI"),
                driver.findElement(By.id("error")).getText());
    }

    /** {@code /download}, fetched by the page itself: Go's content type and file name, and the profile shown. */
    @Test
    @SuppressWarnings("unchecked")
    void downloadServesTheProfileAsGoToolPprofDoes() throws IOException {
        open("/top");
        assertEquals(ui.uri().resolve("/download").toString(),
                driver.findElement(By.id("download")).getAttribute("href"));
        List<Object> got = (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/download').then(r => r.arrayBuffer().then(b => {"
                        + "  let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x));"
                        + "  done([r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), btoa(s)]);"
                        + "}));");
        assertEquals(200L, ((Number) got.get(0)).longValue());
        assertEquals("application/vnd.google.protobuf+gzip", got.get(1));
        assertEquals("attachment;filename=profile.pb.gz", got.get(2));
        byte[] body = java.util.Base64.getDecoder().decode((String) got.get(3));
        dev.pprof4j.profile.Profile p = new dev.pprof4j.profile.ProfileDecoder(1 << 20, "-")
                .decode(new java.io.ByteArrayInputStream(body));
        dev.pprof4j.profile.Profile shown = ShopProfile.profile();
        assertEquals(shown.sampleTypes, p.sampleTypes);
        assertEquals(shown.samples.size(), p.samples.size());
        long inuse = p.samples.stream().mapToLong(x -> x.values[3]).sum();
        assertEquals(91L << 20, inuse, "every sample, not only a filtered view's");
    }
}
