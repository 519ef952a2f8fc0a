package dev.pprof4j.report.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The token goes in a header, comes out of URLs, and is masked in any text shown. */
class AgentAuthTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://h:6060/debug/pprof/heap?token=s3cret|http://h:6060/debug/pprof/heap",
        "http://h:6060/debug/pprof/heap?token=s3cret&gc=1|http://h:6060/debug/pprof/heap?gc=1",
        "http://h:6060/debug/pprof/heap?debug=1&TOKEN=s3cret&gc=1|http://h:6060/debug/pprof/heap?debug=1&gc=1",
        "http://h:6060/debug/pprof/heap?debug=1&token=s3cret#x|http://h:6060/debug/pprof/heap?debug=1#x",
        "http://h:6060/debug/pprof/heap?tokens=1|http://h:6060/debug/pprof/heap?tokens=1",
        "http://h:6060/debug/pprof/heap|http://h:6060/debug/pprof/heap",
        "h:6060?token=s3cret|h:6060",
    })
    void theTokenComesOutOfTheUrl(String url, String without) {
        assertEquals(without, AgentAuth.withoutToken(url));
    }

    @Test
    void theTokenInAUrlIsFoundDecoded() {
        assertEquals("a b+c", AgentAuth.tokenIn("http://h:1/x?gc=1&token=a+b%2Bc"));
        assertNull(AgentAuth.tokenIn("http://h:1/x?gc=1"));
        assertNull(AgentAuth.tokenIn("http://h:1/token=x"), "a path is not a query");
    }

    @Test
    void everyTokenInATextIsMasked() {
        String line = "fetching http://h:1/a?token=s3cret&gc=1 failed; see http://h:1/b?x=1&token=other) \"?token=q\"";
        String shown = AgentAuth.redact(line);
        assertFalse(shown.contains("s3cret") || shown.contains("other") || shown.contains("=q"), shown);
        assertEquals("fetching http://h:1/a?token=***&gc=1 failed; see http://h:1/b?x=1&token=***) \"?token=***\"",
                shown);
    }

    @Test
    void theTokenTravelsAsABearerHeader() {
        var request = AgentAuth.of(" s3cret\n").request(URI.create("http://h:1/x")).build();
        assertEquals("Bearer s3cret", request.headers().firstValue("Authorization").orElseThrow());
        assertTrue(AgentAuth.NONE.request(URI.create("http://h:1/x")).build().headers().map().isEmpty());
        assertFalse(AgentAuth.of("").present());
        assertFalse(AgentAuth.of("s3cret").toString().contains("s3cret"));
    }
}
