package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.agent.Attacher;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native sampler survives class unloading, thread exit, attach after start, and exit mid-dump. */
class CrashSafetyIT {
    @TempDir
    Path dir;

    /**
     * The child's flags: before JDK 25 HotSpot samples objects allocated outside TLABs too seldom
     * (docs/HEAP.md, "Object size and JDK 17"), and these 4 KB arrays often are; without TLABs
     * every object is sampled by one rule.
     */
    private static List<String> flags() {
        return Runtime.version().feature() < 25 ? List.of("-Xmx512m", "-XX:-UseTLAB") : List.of("-Xmx512m");
    }

    /** One sigma of a sampled total of {@code bytes} at the workload's rate, relative. */
    private static double sigma(double bytes) {
        return Math.sqrt(CrashSafetyWorkload.RATE * bytes) / bytes;
    }

    @Test
    void siteInUnloadedClassStaysNamed() throws Exception {
        String out = ChildJvms.runMain(CrashSafetyWorkload.class, flags(), "unload");
        assertTrue(out.contains("unloaded true"), "the throwaway class should unload:\n" + out);
        Matcher m = Pattern.compile("ok unload inuse=(\\d+) frame=(\\S+)").matcher(out);
        assertTrue(m.find(), out);
        long inuse = Long.parseLong(m.group(1));
        double truth = 20_000_000L / 4096 * 4080; // Throwaway.allocate: 4 080-byte arrays, one per 4 096 bytes
        assertTrue(Math.abs(inuse / truth - 1) < 0.15, String.format(java.util.Locale.ROOT,
                "20 MB kept from the unloaded class's site, read %.3fx (sigma %.3f):%n%s", inuse / truth, sigma(truth), out));
        assertTrue(m.group(2).matches(".*Throwaway\\.allocate\\(Throwaway\\.java:\\d+\\)"), m.group(2));
        assertNoCrash(out);
    }

    @Test
    void sitesOfExitedThreads() throws Exception {
        String out = ChildJvms.runMain(CrashSafetyWorkload.class, flags(), "threads");
        Matcher m = Pattern.compile("ok threads inuse=(\\d+) truth=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        double ratio = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        assertTrue(Math.abs(ratio - 1) < 0.15, "40 MB kept by 8 exited threads, measured " + ratio + "x (sigma "
                + sigma(Double.parseDouble(m.group(2))) + "):\n" + out);
        assertNoCrash(out);
    }

    @Test
    void exitWhileDumping() throws Exception {
        for (int run = 0; run < 3; run++) {
            int after = ThreadLocalRandom.current().nextInt(300, 1500);
            Process p = ChildJvms.start(CrashSafetyWorkload.class, List.of("-Xmx256m"), "exit", String.valueOf(after));
            boolean exited = p.waitFor(90, TimeUnit.SECONDS); // a hang at exit is a failure too
            if (!exited) {
                p.destroyForcibly();
            }
            String out = ChildJvms.drain(p.getInputStream());
            assertTrue(exited, "the JVM did not exit within 90 s of System.exit:\n" + out);
            assertEquals(42, p.exitValue(), "exit code after " + after + " ms:\n" + out);
            assertTrue(out.contains("ok exiting"), out);
            assertNoCrash(out);
        }
    }

    @Test
    void attachAfterStart() throws Exception {
        Path control = dir.resolve("control");
        try (ChildJvm app = ChildJvm.builder(GrowingService.class.getName())
                .jvmArg("-Xmx1g").args(control.toString()).start()) {
            app.await(Pattern.compile("ready 1"), Duration.ofSeconds(60));
            Attacher.attach(app.pid(), ChildJvm.agentJar(), "port=0");
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            Files.writeString(control, "grow 2");
            app.await(Pattern.compile("ready 2"), Duration.ofSeconds(120));
            Path h = dir.resolve("h.pb.gz");
            Files.write(h, Http.get(base + "/debug/pprof/heap?gc=1").body());
            String top = GoPprof.run("-top", "-sample_index=inuse_space", h.toString());
            String first = HeapEndpointIT.firstRow(top);
            assertTrue(first.endsWith(GrowingService.class.getName() + ".leak"), top);
            Files.writeString(control, "exit");
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)));
            assertNoCrash(app.output());
        }
    }

    private static void assertNoCrash(String out) {
        assertFalse(out.contains("SIGSEGV") || out.contains("hs_err") || out.contains("fatal error"), out);
    }
}
