package dev.pprof4j.report.browser;

import dev.pprof4j.testkit.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by its chromedriver, headless, with a fresh profile directory and
 * nothing that reaches the network by itself. Outside CI a missing browser skips the test;
 * in CI it fails it ({@link ExternalTool#require}). Paths are given explicitly so Selenium
 * Manager never tries to download a driver.
 */
public final class HeadlessChromium implements AutoCloseable {
    /**
     * Screenshots land here, kept as test artefacts, one directory per JDK (CI runs the
     * browser tests on 17 and then on 25, and the second run must not overwrite the first).
     */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots", "jdk" + Runtime.version().feature());

    private final ChromeDriver driver;
    private final Path userDataDir;

    public HeadlessChromium() {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path chromedriver = ExternalTool.require("chromedriver", "chromium-driver");
        try {
            userDataDir = Files.createTempDirectory("pprof4j-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + userDataDir);
        // the console's messages, for tests that check a page ran without errors
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Clicks something that loads a new page (a link, a submit button, an SVG point) and
     * returns once the old document is gone and the new one has loaded. A plain click
     * returns as soon as the event is dispatched; a form that POSTs and redirects can still
     * be in flight then, and the next lookup would find the old page or none.
     */
    public void clickAndWaitForPage(WebElement target) {
        WebElement oldRoot = driver.findElement(org.openqa.selenium.By.tagName("html"));
        target.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> isDetached(oldRoot));
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState;")));
    }

    /**
     * Whether the element has left the document: stale, as Selenium says once the new page is
     * in, or "does not belong to the document", as Chromium answers while the old page is torn
     * down (a staleness check that only catches the stale case fails on that answer).
     */
    private static boolean isDetached(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** The console's errors (level SEVERE) since the last call: script errors, failed loads. */
    public java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
    }

    /** Saves the window as {@code target/screenshots/jdkN/NAME.png}. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(userDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
