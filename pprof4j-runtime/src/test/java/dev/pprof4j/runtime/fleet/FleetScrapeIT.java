package dev.pprof4j.runtime.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.workload.AllocationTree;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent scraped the way fleet scrapers scrape it, black-box, by their documented rules
 * (the {@link ScrapeLoopTool}, {@link AddressKeyedDeltaTool} and {@link ParcaRulesTool} test
 * tools): allocations along 64 distinct stacks of the same depth, scraped from
 * {@code /debug/pprof/allocs} and delta'd by address, must give the stacks and per-site bytes
 * the workload measured itself; two scrapers of {@code delta_heap} must each see it all.
 */
class FleetScrapeIT {
    static final int RATE = 1024;
    /** Truth per site: 4 sigma of the sampling error, sqrt(RATE / bytes), is 8 % at 2.5 MB. */
    static final long BYTES_PER_SITE = 2_500_000;
    static final Pattern TRUTH = Pattern.compile("truth((?: \\d+=\\d+)+)");
    static final String TREE = AllocationTree.class.getName();

    @TempDir
    Path dir;

    /** Every frame seen in any scrape, with its address; and back. */
    private final Map<String, Long> addressOfFrame = new HashMap<>();
    private final Map<Long, String> frameOfAddress = new HashMap<>();
    private int scrapes;
    /** The same delta over the same scrapes with every address 0, as the agent served before: a control. */
    private final AddressKeyedDeltaTool withoutAddresses = new AddressKeyedDeltaTool();
    private int windowsWrongWithoutAddresses;

    @Test
    void scrapedAndDeltadByAddressTheAgentShowsItsStacksAndTheTruth() throws Exception {
        Path go = dir.resolve("go");
        try (ChildJvm app = ChildJvm.builder(TREE).agent(ChildJvm.agentJar(), "port=0,memprofilerate=" + RATE)
                .args(go.toString(), Long.toString(BYTES_PER_SITE)).start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("(?m)^ready$"), Duration.ofSeconds(30));
            String pprof = base + "/debug/pprof/";
            // A 3 s interval keeps the test short (CPU asks seconds=2); a 30 s timeout, not Alloy's
            // 10 s, because a shared 2-core CI machine answered a first heap profile in 8 s.
            ScrapeLoopTool scraperA = new ScrapeLoopTool(Duration.ofSeconds(3), Duration.ofSeconds(30), "scrape-tool-a");
            ScrapeLoopTool scraperB = new ScrapeLoopTool(Duration.ofSeconds(3), Duration.ofSeconds(30), "scrape-tool-b");
            AddressKeyedDeltaTool allocsDelta = new AddressKeyedDeltaTool();

            long[] byAddress = new long[AllocationTree.SITES];
            long[] deltaHeapA = new long[AllocationTree.SITES];
            long[] deltaHeapB = new long[AllocationTree.SITES];
            Map<String, List<Long>> siteChains = new HashMap<>();
            int windows = 0;
            ScrapeLoopTool.Scrape lastAllocs = null;

            // Baselines before the work starts: the address-keyed delta drops its first scrape.
            lastAllocs = allocs(scraperA, pprof, allocsDelta, byAddress, siteChains);
            deltaHeap(scraperA, pprof, deltaHeapA);
            deltaHeap(scraperB, pprof, deltaHeapB);
            Files.writeString(go, "go");
            boolean done = false;
            for (int round = 0; !done; round++) {
                Thread.sleep(2000);
                done = app.output().contains("\ndone");
                lastAllocs = allocs(scraperA, pprof, allocsDelta, byAddress, siteChains);
                windows++;
                deltaHeap(scraperA, pprof, deltaHeapA);
                if (round % 2 == 1 || done) {
                    deltaHeap(scraperB, pprof, deltaHeapB);
                }
                assertTrue(round < 90, "the workload never finished:\n" + app.output());
            }
            long[] truth = truth(app.output());

            // One address chain per frame chain: 64 distinct stacks of one depth stay 64.
            assertEquals(AllocationTree.SITES, siteChains.size(), "distinct frame chains at the sites: "
                    + siteChains.keySet());
            assertEquals(AllocationTree.SITES, new HashSet<>(siteChains.values()).size(),
                    "distinct address chains for " + AllocationTree.SITES + " frame chains");
            assertEquals(1, siteChains.values().stream().mapToInt(List::size).distinct().count(),
                    "the sites' stacks have one depth");

            // Truth through the scrape-and-delta loop, and both delta_heap scrapers see everything.
            StringBuilder table = new StringBuilder();
            double worstSigma = 0;
            double worstError = 0;
            for (int site = 0; site < AllocationTree.SITES; site++) {
                double sigma = Math.sqrt((double) RATE / truth[site]);
                double error = (double) byAddress[site] / truth[site] - 1;
                worstSigma = Math.max(worstSigma, sigma);
                worstError = Math.max(worstError, Math.abs(error));
                table.append(String.format("site %2d: truth %d, address-keyed %d (%+.1f %%, sigma %.1f %%),"
                        + " delta_heap A %d, B %d%n", site, truth[site], byAddress[site], 100 * error, 100 * sigma,
                        deltaHeapA[site], deltaHeapB[site]));
            }
            String report = table + String.format("windows %d, worst error %.1f %%, worst sigma %.1f %%",
                    windows, 100 * worstError, 100 * worstSigma);
            System.out.println(report);
            assertTrue(4 * worstSigma <= 0.15, "too few samples for a 4-sigma bound of 15 %:\n" + report);
            assertTrue(worstError <= 0.15, "a site's bytes off by more than 15 % (4 sigma):\n" + report);
            for (int site = 0; site < AllocationTree.SITES; site++) {
                assertEquals(byAddress[site], deltaHeapA[site], "delta_heap, scraper A, site " + site + "\n" + report);
                assertEquals(byAddress[site], deltaHeapB[site], "delta_heap, scraper B (its own baseline), site "
                        + site + "\n" + report);
            }

            assertEquals(windows, windowsWrongWithoutAddresses, "the control: with address 0 everywhere the"
                    + " address-keyed delta merges stacks in every window");

            otherTargets(scraperA, pprof, base);
            goPprofAddressesShowOneRowPerFrame(lastAllocs);
            assertTrue(addressOfFrame.size() > 100, "frames seen: " + addressOfFrame.size());
            System.out.println("frames " + addressOfFrame.size() + ", each with one address, over " + scrapes
                    + " scrapes; site stacks " + siteChains.size() + ", their address chains "
                    + new HashSet<>(siteChains.values()).size());
        }
    }

    /** Scrapes allocs, checks it, and adds the address-keyed window's bytes per site. */
    private ScrapeLoopTool.Scrape allocs(ScrapeLoopTool scraper, String pprof, AddressKeyedDeltaTool delta,
            long[] bySite, Map<String, List<Long>> siteChains) {
        ScrapeLoopTool.Scrape scrape = scraper.cumulative(pprof + "allocs");
        check(scrape, false);
        assertEquals(List.of(new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes")), scrape.profile().sampleTypes);
        Profile profile = scrape.profile();
        for (Sample sample : profile.samples) {
            int site = site(sample);
            if (site >= 0) {
                List<Long> chain = new ArrayList<>();
                sample.locations.forEach(l -> chain.add(l.address));
                siteChains.merge(AddressKeyedDeltaTool.stackText(sample).replaceAll("\\{.*", ""), chain, (a, b) -> {
                    assertEquals(a, b, "a stack's address chain changed between scrapes");
                    return a;
                });
            }
        }
        AddressKeyedDeltaTool.Window byAddress = delta.next(profile);
        AddressKeyedDeltaTool.Window byFrames = delta.functionKeyed(profile);
        Profile zeroed = profile.copy();
        zeroed.locations.forEach(l -> l.address = 0);
        AddressKeyedDeltaTool.Window byZero = withoutAddresses.next(zeroed);
        if (byAddress == null) {
            return scrape;
        }
        if (!AddressKeyedDeltaTool.sameWindows(byZero, byFrames)) {
            windowsWrongWithoutAddresses++;
        }
        assertTrue(AddressKeyedDeltaTool.sameWindows(byAddress, byFrames), () -> "keyed by address, the window"
                + " differs from keyed by frames:\n" + byAddress.byStack().keySet() + "\nvs\n" + byFrames.byStack().keySet());
        for (Sample sample : profile.samples) {
            int site = site(sample);
            if (site >= 0) {
                long[] values = byAddress.byStack().get(AddressKeyedDeltaTool.stackText(sample));
                if (values != null) {
                    bySite[site] += values[1];
                }
            }
        }
        return scrape;
    }

    private void deltaHeap(ScrapeLoopTool scraper, String pprof, long[] bySite) {
        ScrapeLoopTool.Scrape scrape = scraper.cumulative(pprof + "delta_heap");
        check(scrape, true);
        Profile p = scrape.profile();
        assertEquals(List.of(new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes")), p.sampleTypes);
        assertEquals(new ValueType("space", "bytes"), p.periodType);
        assertEquals(RATE, p.period);
        for (Sample sample : p.samples) {
            int site = site(sample);
            if (site >= 0) {
                bySite[site] += sample.values[1];
            }
        }
    }

    /** CPU, fgprof, godeltaprof block and mutex, and the cumulative targets, by the same rules. */
    private void otherTargets(ScrapeLoopTool scraper, String pprof, String base) {
        ScrapeLoopTool.Scrape cpu = scraper.delta(pprof + "profile");
        check(cpu, true);
        assertEquals(List.of(new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
                cpu.profile().sampleTypes);
        assertEquals(new ValueType("cpu", "nanoseconds"), cpu.profile().periodType);
        assertEquals(2e9, cpu.profile().durationNanos, 1e9, "seconds=interval-1 asked for 2 s");

        for (String name : List.of("delta_block", "delta_mutex")) {
            ScrapeLoopTool.Scrape delta = scraper.cumulative(pprof + name);
            check(delta, true);
            assertEquals(List.of(new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds")),
                    delta.profile().sampleTypes, name);
            assertEquals(new ValueType("contentions", "count"), delta.profile().periodType, name);
            assertEquals(1, delta.profile().period, name);
        }
        for (String name : List.of("heap", "block", "mutex", "goroutine")) {
            check(scraper.cumulative(pprof + name), false);
        }

        Http.Response index = Http.get(pprof);
        for (String name : List.of("delta_heap", "delta_block", "delta_mutex", "fgprof")) {
            assertTrue(index.text().contains(name), "the index lists " + name);
        }
        Http.Response probe = Http.get(base + "/debug/fgprof?seconds=1");
        if (probe.status() == 503) {
            assertTrue(probe.text().contains("needs async-profiler"), probe.text());
            System.out.println("fgprof: 503, " + probe.text().trim());
            return; // the engine in use has no wall clock: said so, and the index says so
        }
        ScrapeLoopTool.Scrape fgprof = scraper.delta(base + "/debug/fgprof");
        check(fgprof, true);
        assertEquals(List.of(new ValueType("samples", "count"), new ValueType("time", "nanoseconds")),
                fgprof.profile().sampleTypes);
        assertEquals(new ValueType("wallclock", "nanoseconds"), fgprof.profile().periodType);
        assertTrue(fgprof.profile().samples.stream().anyMatch(s -> s.locations.stream().anyMatch(
                l -> l.lines.get(0).function().name.equals("java.lang.Thread.sleep")
                        || l.lines.get(0).function().name.startsWith("java.lang.Thread.sleep"))),
                "a wall-clock profile shows sleeping threads");
        System.out.println("fgprof: " + fgprof.profile().samples.size() + " stacks over "
                + fgprof.profile().durationNanos / 1_000_000 + " ms");
    }

    /** Parca's rules, non-zero addresses, and one address per frame in every scrape so far. */
    private void check(ScrapeLoopTool.Scrape scrape, boolean delta) {
        scrapes++;
        long[] duration = new long[1];
        List<String> problems = ParcaRulesTool.problems(scrape.protobuf(), duration);
        assertEquals(List.of(), problems, scrape.url());
        if (delta) {
            assertNotEquals(0, duration[0], scrape.url() + ": a delta profile needs duration_nanos");
        } else {
            assertEquals(0, duration[0], scrape.url() + ": a cumulative profile has duration_nanos 0");
        }
        for (Location location : scrape.profile().locations) {
            assertNotEquals(0, location.address, scrape.url() + ": a location without address");
            StringBuilder frame = new StringBuilder();
            for (Line line : location.lines) {
                frame.append(line.function().name).append(' ').append(line.function().filename).append(':')
                        .append(line.line()).append(';');
            }
            String f = frame.toString();
            Long had = addressOfFrame.putIfAbsent(f, location.address);
            assertEquals(had == null ? location.address : had, location.address, scrape.url() + ": " + f
                    + " moved");
            String other = frameOfAddress.putIfAbsent(location.address, f);
            assertEquals(other == null ? f : other, f, scrape.url() + ": address " + Long.toHexString(location.address)
                    + " shared by two frames");
        }
    }

    /**
     * {@code go tool pprof -top -addresses} reads the profile and shows one row per frame, at
     * the address the scrapes gave it.
     */
    private void goPprofAddressesShowOneRowPerFrame(ScrapeLoopTool.Scrape allocs) throws IOException {
        Path file = dir.resolve("allocs.pb");
        Files.write(file, allocs.protobuf());
        String top = GoPprof.run("-top", "-addresses", "-nodecount=100000", "-nodefraction=0", "-edgefraction=0", "-sample_index=alloc_space",
                file.toString());
        Pattern row = Pattern.compile("(?m)^\\s*\\S+\\s+\\S+%\\s+\\S+%\\s+\\S+\\s+\\S+%\\s+([0-9a-f]{16}) (\\S+) (\\S+?)(?::(\\d+))?$");
        Matcher m = row.matcher(top);
        Set<Long> rows = new HashSet<>();
        while (m.find()) {
            long address = Long.parseUnsignedLong(m.group(1), 16);
            assertTrue(rows.add(address), "two rows for address " + m.group(1) + "\n" + top);
            // pprof leaves out a line 0 (native methods)
            String frame = m.group(2) + " " + m.group(3) + ":" + (m.group(4) == null ? "0" : m.group(4)) + ";";
            assertEquals(addressOfFrame.get(frame), address, frame + "\n" + top);
        }
        Set<Long> expected = new HashSet<>();
        for (Sample sample : allocs.profile().samples) {
            if (sample.values[1] != 0) {
                // a marker frame such as "(stack truncated: deeper than profstackdepth)" has a
                // name with spaces and no file, which the row pattern above does not parse
                sample.locations.stream().filter(l -> !l.lines.get(0).function().name.startsWith("("))
                        .forEach(l -> expected.add(l.address));
            }
        }
        Set<Long> missing = new HashSet<>(expected);
        missing.removeAll(rows);
        StringBuilder frames = new StringBuilder();
        missing.stream().limit(5).forEach(a -> frames.append(frameOfAddress.get(a)).append('\n'));
        assertTrue(missing.isEmpty() && expected.size() == rows.size(), "one row per frame with allocations: "
                + expected.size() + " frames, " + rows.size() + " rows; without a row:\n" + frames + top);
    }

    /** The site a sample's stack passes through (its left/right path), or -1. */
    static int site(Sample sample) {
        List<String> turns = new ArrayList<>();
        for (Location location : sample.locations) {
            String name = location.lines.get(0).function().name;
            if (name.equals(TREE + ".left") || name.equals(TREE + ".right")) {
                turns.add(name);
            }
        }
        if (turns.size() != AllocationTree.LEVELS
                || !sample.locations.get(0).lines.get(0).function().name.equals(TREE + ".allocate")) {
            return -1;
        }
        int site = 0;
        for (int level = 0; level < turns.size(); level++) {
            // leaf first: the last turn is level 0
            if (turns.get(turns.size() - 1 - level).endsWith(".right")) {
                site |= 1 << level;
            }
        }
        return site;
    }

    static long[] truth(String output) {
        Matcher m = TRUTH.matcher(output);
        if (!m.find()) {
            throw new AssertionError("no truth line:\n" + output);
        }
        long[] truth = new long[AllocationTree.SITES];
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            truth[Integer.parseInt(kv[0])] = Long.parseLong(kv[1]);
        }
        return truth;
    }
}
