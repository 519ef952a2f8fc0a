package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.agent.AgentOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushSettingsTest {
    @TempDir
    Path dir;

    private static PushSettings settings(String options, Map<String, String> env) {
        return PushSettings.from(AgentOptions.parse(options.replace('|', ',')), env).orElseThrow();
    }

    @Test
    void readsTheOptionsWithGoDurationsAndLabels() {
        PushSettings s = settings("pyroscope=http://pyroscope:4040/|app=checkout|pushinterval=30s"
                + "|labels=env:prod;region:eu-west-1", Map.of());
        assertEquals(URI.create("http://pyroscope:4040"), s.server());
        assertEquals("checkout", s.app());
        assertEquals(Duration.ofSeconds(30), s.interval());
        assertEquals(Map.of("env", "prod", "region", "eu-west-1"), s.labels());
        assertEquals("push", s.api());
        assertEquals(Duration.ofSeconds(15), settings("pyroscope=http://p:4040|app=a", Map.of()).interval());
        assertTrue(PushSettings.from(AgentOptions.defaults(), Map.of()).isEmpty(), "no pyroscope=: no pusher");
    }

    /** Each bad value stops the start in one line naming the option (via AgentOptions.parse, as the agent does). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "pyroscope=http://p:4040,app=a,pushinterval=15;     pushinterval=15",
        "pyroscope=http://p:4040,app=a,pushinterval=500ms;  pushinterval=500ms is not from 1s to 10m",
        "pyroscope=ftp://p:4040,app=a;                      pyroscope=ftp://p:4040 is not an http(s) server URL",
        "pyroscope=http://u:pw@p:4040,app=a;                pyroscope=http://***@p:4040",
        "pyroscope=http://p:4040;                           needs app=",
        "pyroscope=http://p:4040,app=a b;                   app=a b is not a service name",
        "app=checkout;                                      app= needs pyroscope=",
        "pyroscope=http://p:4040,app=a,pushapi=grpc;        pushapi=grpc is not push or ingest",
        "pyroscope=http://p:4040,app=a,pushapi=ingest,labels=env:a}b; which pushapi=ingest cannot carry in name=app{k=v}",
        "pyroscope=http://p:4040,app=team/a,pushapi=ingest; app=team/a: pushapi=ingest takes letters",
        "pyroscope=http://p:4040,app=a,pyroscopetokenfile=/no/such/file; pyroscopetokenfile=/no/such/file cannot be read",
        "pyroscope=http://p:4040,app=a,pyroscopeuser=bob;   pyroscopeuser=bob has no password",
        "pyroscope=http://p:4040,app=a,pyroscopetenant=a b; pyroscopetenant=a b is not a tenant id",
    })
    void aBadValueIsRefusedInOneLineNamingIt(String options, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(options));
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("pw@"), "user info is not echoed: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "env|                'env' is not name:value",
        "env:|               'env:' is not name:value",
        "1env:x|             label name '1env' must match",
        "__name__:x|         '__name__' is Pyroscope's own",
        "service_name:x|     set it with app=",
        "env:a;env:b|        label 'env' is given twice",
    })
    void labelsAreNameColonValuePairs(String labels, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PushLabels.parse(labels));
        assertTrue(e.getMessage().startsWith("labels=" + labels + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= PushLabels.MAX_USER_LABELS; i++) {
            many.append("l").append(i).append(":v;");
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PushLabels.parse(many.toString())).getMessage()
                .contains("at most 28"));
    }

    @Test
    void credentialsComeFromFilesOrTheEnvironmentAndAreNeverShown() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
        PushSettings fromFile = settings("pyroscope=https://profiles.example.com|app=a|pyroscopetokenfile=" + token,
                Map.of());
        assertEquals("Bearer s3cret-token", authorization(fromFile));
        Path password = Files.writeString(dir.resolve("password"), "hunter2");
        PushSettings basic = settings("pyroscope=https://p.example.com|app=a|pyroscopeuser=bob|pyroscopepasswordfile="
                + password + "|pyroscopetenant=team-a", Map.of());
        assertEquals("Basic Ym9iOmh1bnRlcjI=", authorization(basic));
        assertEquals("basic+tenant", basic.credentials().toString());
        // The environment, under pyroscope-java's names (AgentOptions.parse reads the process's own).
        PushCredentials fromEnv = PushCredentials.of(null, null, null, null, Map.of(PushCredentials.ENV_USER, "bob",
                PushCredentials.ENV_PASSWORD, "hunter2", PushCredentials.ENV_TENANT, "team-a"));
        assertEquals("Basic Ym9iOmh1bnRlcjI=", fromEnv.authorization());
        assertEquals("Bearer t", PushCredentials.of(null, null, null, null, Map.of(PushCredentials.ENV_TOKEN, "t"))
                .authorization());
        for (PushSettings s : new PushSettings[] {fromFile, basic}) {
            String shown = s + " " + AgentOptions.parse("pyroscope=https://p.example.com,app=a,pyroscopetokenfile=" + token);
            assertFalse(shown.contains("s3cret") || shown.contains("hunter2") || shown.contains("Ym9i"), shown);
        }
        // A secret over plain http to another host would travel in clear text.
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class, () -> PushSettings.from(
                AgentOptions.parse("pyroscope=http://pyroscope.example.com:4040,app=a"),
                Map.of(PushCredentials.ENV_TOKEN, "t")));
        assertTrue(clear.getMessage().contains("use https://"), clear.getMessage());
        assertEquals("Bearer t", authorization(settings("pyroscope=http://127.0.0.1:4040|app=a",
                Map.of(PushCredentials.ENV_TOKEN, "t"))), "loopback may be plain http");
    }

    private static String authorization(PushSettings settings) {
        return settings.credentials().authorization();
    }
}
