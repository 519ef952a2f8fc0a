package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.browser.HeadlessChromium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The history chart of a live agent's profile in real headless Chromium: one point per
 * snapshot, and a click on a point opens the view as now minus that snapshot (the agent's
 * {@code since=}), which stays on as the user moves between views until "back to now".
 */
class HistoryChartIT {
    static WebUi ui;
    static HeadlessChromium browser;
    static ChromeDriver driver;
    /** What the UI asked the agent for, in order. */
    static final List<String> asked = new CopyOnWriteArrayList<>();

    /** Five snapshots 40 s apart with heap and threads that climb, as a leak's do. */
    static final List<AgentHistory.Point> POINTS = List.of(
            new AgentHistory.Point("2026-01-01T00:00:00Z", 160_200, 100L << 20, 40, -1, 3),
            new AgentHistory.Point("2026-01-01T00:00:40Z", 120_100, 140L << 20, 48, -1, 5),
            new AgentHistory.Point("2026-01-01T00:01:20Z", 80_300, 180L << 20, 56, -1, 8),
            new AgentHistory.Point("2026-01-01T00:02:00Z", 40_000, 220L << 20, 64, -1, 9),
            new AgentHistory.Point("2026-01-01T00:02:40Z", 200, 260L << 20, 72, -1, 11));

    @BeforeAll
    static void start() throws IOException {
        AgentHistory history = new AgentHistory() {
            @Override
            public List<Point> points() {
                return POINTS;
            }

            @Override
            public ProfileSource.Snapshot since(String since) {
                asked.add(since);
                return ProfileSource.Snapshot.of(onlyCachePut(), "agent heap since=" + since);
            }
        };
        ui = WebUi.builder(new ProfileSource() {
            @Override
            public Snapshot load() {
                return Snapshot.of(ShopProfile.profile(), "agent heap");
            }

            @Override
            public AgentHistory history() {
                return history;
            }
        }).bind("127.0.0.1", 0).start();
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

    /** The "delta" the stub agent serves: the shop profile with only Cache.put's samples. */
    static Profile onlyCachePut() {
        Profile p = ShopProfile.profile().copy();
        List<Sample> kept = new ArrayList<>();
        for (Sample s : p.samples) {
            for (Location l : s.locations) {
                for (Line line : l.lines) {
                    if (line.function().name.equals("dev.example.Cache.put") && !kept.contains(s)) {
                        kept.add(s);
                    }
                }
            }
        }
        p.samples.clear();
        p.samples.addAll(kept);
        return p;
    }

    private static String topNames() {
        StringBuilder names = new StringBuilder();
        for (WebElement e : driver.findElements(By.cssSelector("#top-table tbody tr td.name"))) {
            names.append(e.getText()).append('\n');
        }
        return names.toString();
    }

    @Test
    void pointsOpenNowMinusThenAndTheViewKeepsIt() {
        driver.get(ui.uri().resolve("/top").toString());
        List<WebElement> points = driver.findElements(By.cssSelector("#history-chart a.history-point"));
        assertEquals(POINTS.size(), points.size());
        assertTrue(driver.findElement(By.id("history-caption")).getText().contains("5 snapshots over 160s"),
                driver.findElement(By.id("history-caption")).getText());
        // The heap line climbs: its last point is drawn higher (smaller y) than its first.
        List<WebElement> heap = driver.findElements(By.cssSelector("#history-chart circle.history-heap-point"));
        assertTrue(Double.parseDouble(heap.get(4).getAttribute("cy")) < Double.parseDouble(heap.get(0).getAttribute("cy")));
        assertTrue(topNames().contains("dev.example.Shop.render"), topNames());
        browser.screenshot("web-history-chart");

        // The second snapshot is 120 s old: clicking it shows now minus then.
        browser.clickAndWaitForPage(
                driver.findElements(By.cssSelector("#history-chart a.history-point circle.history-heap-point")).get(1));
        assertTrue(driver.getCurrentUrl().endsWith("/top?since=120s"), driver.getCurrentUrl());
        assertEquals(List.of("120s"), asked);
        assertTrue(driver.findElement(By.id("profile-name")).getText().contains("since=120s"));
        assertTrue(driver.findElement(By.id("history-since")).getText().contains("since=120s"));
        assertTrue(topNames().contains("dev.example.Cache.put"), topNames());
        assertFalse(topNames().contains("dev.example.Shop.render"), topNames());
        browser.screenshot("web-history-since");

        // Moving to the flame graph keeps the base; "back to now" drops it.
        browser.clickAndWaitForPage(driver.findElement(By.id("nav-flame")));
        assertTrue(driver.getCurrentUrl().contains("/flamegraph?since=120s"), driver.getCurrentUrl());
        assertEquals(List.of("120s", "120s"), asked);
        browser.clickAndWaitForPage(driver.findElement(By.id("history-now")));
        assertTrue(driver.getCurrentUrl().endsWith("/flamegraph"), driver.getCurrentUrl());
        assertEquals(2, asked.size());

        // The newest point is now itself: no since.
        driver.get(ui.uri().resolve("/top").toString());
        assertEquals("", driver.findElements(By.cssSelector("#history-chart a.history-point")).get(4)
                .getAttribute("data-since"));
    }

    @Test
    void aSinceTheAgentRefusesIsOneLineAndNoGuess() {
        driver.get(ui.uri().resolve("/top?since=10d").toString());
        assertTrue(driver.findElement(By.id("error")).getText().contains("since=10d is not a duration"),
                driver.getPageSource());
    }
}
