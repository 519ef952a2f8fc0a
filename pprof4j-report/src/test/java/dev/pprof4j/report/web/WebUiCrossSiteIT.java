package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.report.browser.HeadlessChromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * In real headless Chromium: the UI's own pages work (Refresh reloads), and a page of another
 * site (served from {@code localhost} on another port, a different site from {@code 127.0.0.1})
 * whose form posts to {@code /refresh} gets nothing done, and its link to {@code /top} is
 * refused too: Chromium's own {@code Origin} and {@code Sec-Fetch-Site} headers say where they
 * came from.
 */
class WebUiCrossSiteIT {
    static ShopUiInBrowser shop;
    static WebUi ui;
    static HttpServer evil;
    static HeadlessChromium browser;
    static ChromeDriver driver;
    static AtomicInteger loads;

    @BeforeAll
    static void start() throws IOException {
        shop = ShopUiInBrowser.start(b -> b.dotCommand("/nonexistent/dot"));
        ui = shop.ui;
        browser = shop.browser;
        driver = shop.driver;
        loads = shop.loads;
        String target = ui.uri().toString();
        String page = "<!doctype html><html><body><p id=\"evil\">another site</p>"
                + "<form method=\"post\" action=\"" + target + "refresh\"><button id=\"post\">win</button></form>"
                + "<a id=\"link\" href=\"" + target + "top\">profiles</a></body></html>";
        evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", ex -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        evil.start();
    }

    @AfterAll
    static void stop() {
        if (evil != null) {
            evil.stop(0);
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void theUisOwnPagesWorkAndAnotherSitesPageGetsNothingDone() {
        driver.get(ui.uri().resolve("/top").toString());
        int before = loads.get();
        assertEquals("shop load " + before, driver.findElement(By.id("profile-name")).getText());
        browser.clickAndWaitForPage(driver.findElement(By.id("refresh")));
        assertEquals("shop load " + (before + 1), driver.findElement(By.id("profile-name")).getText(),
                "the same-origin Refresh reloads");

        String other = "http://localhost:" + evil.getAddress().getPort() + "/";
        driver.get(other);
        browser.clickAndWaitForPage(driver.findElement(By.id("post")));
        assertEquals(before + 1, loads.get(), "a cross-site POST /refresh refreshed the profile");
        String body = driver.findElement(By.tagName("body")).getText();
        assertTrue(body.startsWith("refused: a request from another site's page (Sec-Fetch-Site: cross-site)"), body);
        browser.screenshot("web-cross-site-refused");

        driver.get(other);
        browser.clickAndWaitForPage(driver.findElement(By.id("link")));
        body = driver.findElement(By.tagName("body")).getText();
        assertTrue(body.startsWith("refused: a request from another site's page"), "a link from another site: " + body);
        driver.get(ui.uri().resolve("/top").toString());
        assertEquals("shop load " + (before + 1), driver.findElement(By.id("profile-name")).getText(),
                "the address typed in is served");
    }
}
