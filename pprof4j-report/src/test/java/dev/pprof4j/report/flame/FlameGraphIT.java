package dev.pprof4j.report.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.browser.HeadlessChromium;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The standalone flame graph page in real headless Chromium, opened from a file. */
class FlameGraphIT {
    static final Path DIR = Path.of("target", "flame-it");
    static HeadlessChromium browser;
    static ChromeDriver driver;

    /** 100 samples: sort 60, hash 20, io 20; the bytes put most into io instead. */
    static Profile profile() {
        return new Profiles("samples/count", "alloc_space/bytes")
                .add("main;work;sort", 60, 1 << 20)
                .add("main;work;hash", 20, 1 << 20)
                .add("main;io", 20, 8 << 20).profile();
    }

    static Path write(String name, FrameTree tree, int sampleIndex) throws IOException {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name + ".html").toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(file)) {
            FlameGraphHtml.write(tree, name, List.of("test profile"), sampleIndex, "", out);
        }
        return file;
    }

    @BeforeAll
    static void startBrowser() {
        browser = new HeadlessChromium();
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Where the page draws {@code name}, in CSS pixels of the canvas; null when not drawn. */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> frame(String name) {
        return (Map<String, Number>) js("return window.pprof4jFlame.frameCenter(arguments[0]);", name);
    }

    private static Actions at(String name) {
        Map<String, Number> c = frame(name);
        assertNotNull(c, name + " is not drawn");
        WebElement canvas = driver.findElement(By.id("flame"));
        Rectangle r = canvas.getRect();
        // Selenium 4 offsets are from the element's centre.
        return new Actions(driver).moveToElement(canvas, (int) Math.round(c.get("x").doubleValue() - r.width / 2.0),
                (int) Math.round(c.get("y").doubleValue() - r.height / 2.0));
    }

    private static String tooltipOf(String name) {
        at(name).perform();
        WebElement tooltip = driver.findElement(By.id("tooltip"));
        assertTrue(tooltip.isDisplayed(), "no tooltip over " + name);
        return tooltip.getText();
    }

    private static int[] pixel(String name) {
        Map<String, Number> c = frame(name);
        @SuppressWarnings("unchecked")
        List<Number> rgba = (List<Number>) js("var c=document.getElementById('flame');var d=window.devicePixelRatio||1;"
                + "return Array.from(c.getContext('2d').getImageData(Math.round(arguments[0]*d),Math.round((arguments[1]+5)*d),1,1).data);",
                c.get("x"), c.get("y"));
        return new int[] {rgba.get(0).intValue(), rgba.get(1).intValue(), rgba.get(2).intValue()};
    }

    @Test
    void zoomSearchTooltipResetAndIcicle() throws IOException {
        FrameTree tree = FrameTree.of(profile());
        driver.get(write("plain", tree, 0).toUri().toString());
        assertEquals(tree.size(), ((Number) js("return window.pprof4jFlame.frames;")).intValue());
        assertTrue(driver.findElement(By.id("render-time")).getText().matches(".*drawn in \\d+ ms"),
                driver.findElement(By.id("render-time")).getText());

        String tip = tooltipOf("sort");
        assertTrue(tip.startsWith("sort\ncum  60 (60.00% of all, 75.00% of its caller)"), tip);
        assertTrue(tip.contains("flat 60 (60.00% of all)"), tip);
        browser.screenshot("flame-tooltip");

        at("work").click().perform();
        assertEquals("work", js("return window.pprof4jFlame.zoomedName();"));
        assertTrue(driver.findElement(By.id("zoomed")).getText().contains("Zoomed into work"));
        assertNull(frame("io"), "io is outside the zoomed frame and must not be drawn");
        // zoomed: hash takes the first 20/80 of the width, sort the other 60/80; centre at 5/8
        double width = driver.findElement(By.id("flame")).getRect().width;
        assertEquals(0.625 * width, frame("sort").get("x").doubleValue(), 2.0);
        browser.screenshot("flame-zoomed");

        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("s.rt|^io$");
        assertEquals("Matched: 80.00% (80)", driver.findElement(By.id("matched")).getText());
        int[] rgb = pixel("sort");
        assertTrue(rgb[0] > 200 && rgb[1] < 40 && rgb[2] > 200, "a match is drawn magenta, got " + rgb[0] + "," + rgb[1] + "," + rgb[2]);
        browser.screenshot("flame-search");

        driver.findElement(By.id("reset")).click();
        assertEquals("root", js("return window.pprof4jFlame.zoomedName();"));
        assertEquals("", driver.findElement(By.id("matched")).getText());
        assertNotNull(frame("io"));

        double rootYFlame = frame("root").get("y").doubleValue();
        driver.findElement(By.id("invert")).click();
        double rootYIcicle = frame("root").get("y").doubleValue();
        assertTrue(rootYFlame > rootYIcicle && rootYIcicle < 16, rootYFlame + " then " + rootYIcicle);
        assertEquals("Flame", driver.findElement(By.id("invert")).getText());
        browser.screenshot("flame-icicle");
    }

    @Test
    void sampleIndexSwitchesTheValuesShown() throws IOException {
        driver.get(write("heap", FrameTree.of(profile()), 0).toUri().toString());
        Select select = new Select(driver.findElement(By.id("sample-index")));
        assertEquals("samples (count)", select.getFirstSelectedOption().getText());
        assertTrue(tooltipOf("io").contains("cum  20 (20.00% of all"));
        select.selectByVisibleText("alloc_space (bytes)");
        assertEquals(1L, js("return window.pprof4jFlame.column();"));
        // 8 MB of 10 MB
        String tip = tooltipOf("io");
        assertTrue(tip.contains("cum  8.00MB (80.00% of all"), tip);
        browser.screenshot("flame-alloc-space");
    }

    @Test
    void differentialGraphColoursGrowthRedAndShrinkageBlue() throws IOException {
        Profile base = new Profiles("samples/count", "alloc_space/bytes")
                .add("main;work;sort", 20, 1 << 20)
                .add("main;work;hash", 20, 1 << 20)
                .add("main;io", 60, 8 << 20).profile();
        driver.get(write("diff", FrameTree.of(profile(), base), 0).toUri().toString());
        String tip = tooltipOf("sort");
        assertTrue(tip.contains("base cum 20") && tip.contains("delta cum +40 (+200.00%)"), tip);
        int[] grew = pixel("sort");
        int[] shrank = pixel("io");
        int[] same = pixel("hash");
        assertTrue(grew[0] > 200 && grew[2] < grew[0] - 100, "sort grew: red expected");
        assertTrue(shrank[2] > 200 && shrank[0] < shrank[2] - 60, "io shrank: blue expected");
        assertTrue(Math.abs(same[0] - same[2]) < 10, "hash is unchanged: grey expected");
        assertTrue(driver.findElement(By.id("flame-notes")).getText().contains("red grew, blue shrank"));
        browser.screenshot("flame-diff");

        // Sized by the new profile io (first by name) takes 20 % of the width; by the base, 60 %.
        double width = driver.findElement(By.id("flame")).getRect().width;
        assertEquals(width * 0.10, frame("io").get("x").doubleValue(), 2.0);
        new Select(driver.findElement(By.id("size-by"))).selectByValue("base");
        assertEquals(width * 0.30, frame("io").get("x").doubleValue(), 2.0);
    }
}
