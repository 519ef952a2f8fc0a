package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A web page cannot make the host collect garbage or walk its heap: browsers' cross-site
 * requests and requests for a foreign {@code Host} (DNS rebinding) are refused with 403 and
 * one line, for every method, before anything runs; curl-like and same-origin requests work.
 */
class CrossSiteIT {
    @Test
    void crossSiteAndForeignHostRequestsAreRefusedSameOriginServed() {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0,allowhosts=a.example,b.example").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            String self = base.substring("http://".length());
            for (String method : new String[] {"GET", "POST", "DELETE", "OPTIONS", "HEAD"}) {
                for (String headers : new String[] {
                    "Sec-Fetch-Site: cross-site\r\nOrigin: http://evil.example",
                    "Sec-Fetch-Site: same-site",
                    "Origin: http://evil.example",
                    "Origin: null",
                }) {
                    RawHttp.Response refused = RawHttp.exchange(base, method + " /debug/pprof/heap?gc=1 HTTP/1.1\r\nHost: "
                            + self + "\r\n" + headers + "\r\nContent-Length: 0", Duration.ofSeconds(30));
                    assertEquals(403, refused.status(), method + " with " + headers + ": " + refused.head());
                    if (!method.equals("HEAD")) {
                        assertEquals(1, refused.body().strip().lines().count(), "one line: " + refused.body());
                    }
                }
            }
            RawHttp.Response rebound = RawHttp.exchange(base, "GET /debug/pprof/heap?gc=1 HTTP/1.1\r\nHost: evil.example:"
                    + base.replaceAll(".*:", "") + "\r\nSec-Fetch-Site: same-origin", Duration.ofSeconds(30));
            assertEquals(403, rebound.status(), rebound.head());
            assertTrue(rebound.body().contains("allowhosts="), rebound.body());

            // Served: no browser headers (curl, go tool pprof), same origin, the browser's own
            // address bar, an allowed proxy name, localhost.
            assertEquals(200, RawHttp.get(base, "/debug/pprof/cmdline").status());
            assertEquals(200, RawHttp.get(base, "/debug/pprof/cmdline", "Origin: " + base,
                    "Sec-Fetch-Site: same-origin").status());
            assertEquals(200, RawHttp.get(base, "/debug/pprof/cmdline", "Origin: " + base).status());
            assertEquals(200, RawHttp.get(base, "/debug/pprof/cmdline", "Sec-Fetch-Site: none").status());
            assertEquals(200, RawHttp.exchange(base, "GET /debug/pprof/cmdline HTTP/1.1\r\nHost: b.example",
                    Duration.ofSeconds(30)).status());
            assertEquals(200, RawHttp.exchange(base, "GET /debug/vars HTTP/1.1\r\nHost: localhost:6060",
                    Duration.ofSeconds(30)).status());
        }
    }

    @Test
    void theIndexRedirectsAndItsLinksWork() {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            RawHttp.Response redirect = RawHttp.get(base, "/debug/pprof");
            assertEquals(301, redirect.status(), "Go redirects the subtree's root: " + redirect.head());
            assertTrue(redirect.head().contains("Location: /debug/pprof/"), redirect.head());
            String index = RawHttp.get(base, "/debug/pprof/").body();
            for (String link : new String[] {"heap/retainers?class=byte[]&amp;debug=1", "history?since=10m&amp;debug=1"}) {
                assertTrue(index.contains("href='" + link + "'"), "no link " + link + " in\n" + index);
                RawHttp.Response followed = RawHttp.get(base, "/debug/pprof/" + link.replace("&amp;", "&")
                        .replace("[", "%5B").replace("]", "%5D"));
                // served, or refused for what it asks (a history younger than 10m), never for its form
                assertTrue(!followed.body().contains("invalid value"), link + " -> " + followed.status() + " "
                        + followed.body());
            }
        }
    }
}
