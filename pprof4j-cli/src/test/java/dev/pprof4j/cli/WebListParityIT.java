package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -weblist}'s page shows, for every line of every function it lists, the flat and cum
 * values the real {@code go tool pprof -list} prints for it, on Go's profiles and on a JVM
 * profile (Java frames: a lambda on its method's line, recursion, a file not on disk).
 */
class WebListParityIT {
    @TempDir
    static Path jvm;

    static Stream<List<String>> cases() throws IOException {
        String heap = GoProfiles.path("heap2.pb.gz");
        String heap1 = GoProfiles.path("heap1.pb.gz");
        String cpu = GoProfiles.path("cpu.pb.gz");
        String java = JavaShop.write(jvm);
        String sources = "-source_path=" + jvm.resolve("src");
        return Stream.of(
                List.of("main", heap),
                List.of("main\\.(hashLoop|mathLoop)", cpu),
                List.of("main", "-sample_index=alloc_space", "-base", heap1, heap),
                List.of("main.alloc", "-mean", "-sample_index=alloc_space", heap),
                List.of("dev\\.acme\\.(Cart|Tree|Main)", sources, java),
                List.of("dev\\.acme\\.(Cart|Tree)", sources, "-sample_index=samples", "-focus=Tree|Ghost", java));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLineShowsWhatGoToolPprofListsForIt(List<String> args, @TempDir Path out) throws IOException {
        List<String> list = new ArrayList<>(List.of("-list", args.get(0)));
        list.addAll(args.subList(1, args.size()));
        String expected = GoPprof.run(list.toArray(String[]::new));
        Path page = out.resolve("weblist.html");
        List<String> weblist = new ArrayList<>(List.of("-weblist", args.get(0), "-output", page.toString()));
        weblist.addAll(args.subList(1, args.size()));
        CliRun ours = CliRun.of(weblist.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.stderr());
        Map<String, String> listed = listLines(expected);
        Map<String, String> shown = pageLines(Files.readString(page));
        assertTrue(listed.values().stream().anyMatch(v -> !v.equals(". .")), "lines with samples:\n" + expected);
        assertEquals(listed, shown, String.join(" ", weblist) + " against go tool pprof's\n" + expected);
    }

    /** A line of a file that cannot be found shows as go tool pprof's page shows it: its values and "???". */
    @Test
    void aMissingFileShowsItsLinesWithSamples(@TempDir Path out) throws IOException {
        String java = JavaShop.write(jvm);
        Path page = out.resolve("weblist.html");
        CliRun ours = CliRun.of("-weblist", "Ghost", "-output", page.toString(), "-source_path=" + jvm.resolve("src"), java);
        assertEquals(0, ours.exitCode(), ours.stderr());
        String html = Files.readString(page);
        String go = GoPprof.run("-list", "Ghost", "-source_path=" + jvm.resolve("src"), java);
        assertTrue(go.contains("Error: could not find file dev/acme/Ghost.java on path"), go);
        assertTrue(html.contains("Error: could not find file dev/acme/Ghost.java on path"), html);
        assertTrue(Pattern.compile("<span class=\"line\">\\s+7</span> <span class=\"\\w+\">\\s+\\S+\\s+\\S+\\s+\\?\\?\\? </span>")
                .matcher(html).find(), html);
    }

    /** function NUL line to "flat cum" of go tool pprof -list's text. */
    static Map<String, String> listLines(String text) {
        Map<String, String> lines = new TreeMap<>();
        String function = null;
        for (String l : text.split("\n")) {
            Matcher routine = Pattern.compile("^ROUTINE =+ (\\S+) in ").matcher(l);
            if (routine.find()) {
                function = routine.group(1);
                continue;
            }
            Matcher row = Pattern.compile("^\\s*(\\S+)\\s+(\\S+)\\s+(\\d+):").matcher(l);
            if (function != null && row.find()) {
                lines.put(function + "\0" + row.group(3), row.group(1) + " " + row.group(2));
            }
        }
        return lines;
    }

    /** The same of the -weblist page's markup (go tool pprof's: a heading per function, a span per line). */
    static Map<String, String> pageLines(String html) {
        Map<String, String> lines = new TreeMap<>();
        Matcher m = Pattern.compile("<h2>(.*?)</h2>|<span class=\"line\">\\s*(\\d+)</span> <span class=\"\\w+\">\\s*(\\S+)\\s+(\\S+)")
                .matcher(html);
        String function = null;
        while (m.find()) {
            if (m.group(1) != null) {
                function = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&");
            } else {
                lines.put(function + "\0" + m.group(2), m.group(3) + " " + m.group(4));
            }
        }
        return lines;
    }

    /**
     * A JVM heap profile as the agent writes it (Java frames named {@code package.Class.method},
     * files by package path), with its sources: a lambda on its caller's line, recursion
     * through two lines of one method, and a frame whose file is not on disk.
     */
    static final class JavaShop {
        static String write(Path dir) throws IOException {
            Path file = dir.resolve("shop.pb.gz");
            if (Files.exists(file)) {
                return file.toString();
            }
            for (String name : List.of("Cart", "Tree", "Main")) {
                StringBuilder src = new StringBuilder("package dev.acme;\n");
                for (int i = 2; i <= 60; i++) {
                    src.append("    // ").append(name).append(" line ").append(i).append('\n');
                }
                Path f = dir.resolve("src/dev/acme/" + name + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, src);
            }
            Profile p = new Profile();
            p.sampleTypes.add(new ValueType("samples", "count"));
            p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
            Mapping m = new Mapping();
            m.id = 1;
            m.file = "java";
            m.hasFunctions = m.hasFilenames = m.hasLineNumbers = true;
            p.mappings.add(m);
            Location main = loc(p, m, "dev.acme.Main.main", "Main.java", 12);
            Location total = loc(p, m, "dev.acme.Cart.total", "Cart.java", 20);
            Location lambda = loc(p, m, "dev.acme.Cart.lambda$total$0", "Cart.java", 20);
            Location add = loc(p, m, "dev.acme.Cart.add", "Cart.java", 31);
            Location addGrow = loc(p, m, "dev.acme.Cart.add", "Cart.java", 33);
            Location walk = loc(p, m, "dev.acme.Tree.walk", "Tree.java", 40);
            Location walkLeft = loc(p, m, "dev.acme.Tree.walk", "Tree.java", 42);
            Location ghost = loc(p, m, "dev.acme.Ghost.haunt", "Ghost.java", 7);
            sample(p, 30, 3 << 20, lambda, total, main);
            sample(p, 12, 1 << 20, total, main);
            sample(p, 50, 5 << 20, add, main);
            sample(p, 7, 9 << 20, addGrow, main);
            sample(p, 20, 2 << 20, walk, walkLeft, walkLeft, walk, main);
            sample(p, 9, 1 << 19, walkLeft, main);
            sample(p, 4, 1 << 18, ghost, add, main);
            ProfileEncoder.writeGzip(p, file);
            return file.toString();
        }

        private static Location loc(Profile p, Mapping m, String name, String file, long line) {
            Function f = p.functions.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
            if (f == null) {
                f = new Function(name, "dev/acme/" + file);
                f.id = p.functions.size() + 1;
                p.functions.add(f);
            }
            Location l = new Location(new Line(f, line));
            l.id = p.locations.size() + 1;
            l.mapping = m;
            l.address = 0x1000 + l.id * 16L;
            p.locations.add(l);
            return l;
        }

        private static void sample(Profile p, long count, long bytes, Location... leafFirst) {
            p.samples.add(new Sample(new ArrayList<>(List.of(leafFirst)), count, bytes));
        }
    }
}
