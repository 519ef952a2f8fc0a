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
    static WebUi ui;
    static HeadlessChromium browser;
    static ChromeDriver driver;
    static final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        ShopProfile.writeSource(sources);
        // Each load is a "fresh profile from a live agent": its name counts the loads.
        ui = WebUi.builder(() -> ProfileSource.Snapshot.of(ShopProfile.profile(), "shop load " + loads.incrementAndGet()))
                .bind("127.0.0.1", 0).sourcePath(List.of(sources)).start();
        browser = new HeadlessChromium();
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            ui.close();
        }
    }

    private static void open(String pathAndQuery) {
        driver.get(ui.uri().resolve(pathAndQuery).toString());
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
        assertTrue(driver.getCurrentUrl().contains("f="), driver.getCurrentUrl());
        List<WebElement> hot = driver.findElements(By.cssSelector("table.source tr.hot"));
        assertFalse(hot.isEmpty(), driver.getPageSource());
        String row = hot.get(0).getText();
        assertTrue(row.startsWith("10 100MB 100MB") && row.contains("return key.repeat(1000);"), row);
        browser.screenshot("web-source");
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
}
