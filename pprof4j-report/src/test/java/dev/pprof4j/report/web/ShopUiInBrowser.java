package dev.pprof4j.report.web;

import dev.pprof4j.report.browser.HeadlessChromium;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser ITs' set-up: the web UI on a loopback port over {@link ShopProfile}, whose
 * every load counts ("shop load N", a fresh profile from a live agent), and headless
 * Chromium to drive it. Closing stops both.
 */
final class ShopUiInBrowser implements AutoCloseable {
    final AtomicInteger loads = new AtomicInteger();
    final WebUi ui;
    final HeadlessChromium browser;
    final ChromeDriver driver;

    private ShopUiInBrowser(UnaryOperator<WebUi.Builder> settings) throws IOException {
        ui = settings.apply(WebUi.builder(
                () -> ProfileSource.Snapshot.of(ShopProfile.profile(), "shop load " + loads.incrementAndGet()))
                .bind("127.0.0.1", 0)).start();
        HeadlessChromium started = null;
        try {
            started = new HeadlessChromium();
        } finally {
            if (started == null) {
                ui.close();
            }
        }
        browser = started;
        driver = browser.driver();
    }

    /** Starts the UI with the builder's {@code settings} (source path, dot command) added, then the browser. */
    static ShopUiInBrowser start(UnaryOperator<WebUi.Builder> settings) throws IOException {
        return new ShopUiInBrowser(settings);
    }

    /** Opens {@code pathAndQuery} of the UI in the browser. */
    void open(String pathAndQuery) {
        driver.get(ui.uri().resolve(pathAndQuery).toString());
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            ui.close();
        }
    }
}
