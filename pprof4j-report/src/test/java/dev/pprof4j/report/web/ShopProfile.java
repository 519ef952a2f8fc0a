package dev.pprof4j.report.web;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A heap profile of a small shop with known values, and the source file its frames point at:
 * by alloc_space the renderer is heaviest, by inuse_space the cache.
 */
final class ShopProfile {
    static final long MB = 1 << 20;
    static final String SOURCE = """
            package dev.example;

            class Shop {
                void serve(String key) {
                    render(key);              // line 5
                    cache.put(key, key);      // line 6
                }

                String render(String key) {
                    return key.repeat(1000);  // line 10
                }
            }
            """;

    private ShopProfile() {
    }

    /** Writes {@code dev/example/Shop.java} under {@code root}. */
    static void writeSource(Path root) throws IOException {
        Path file = root.resolve("dev/example/Shop.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SOURCE);
    }

    static Profile profile() {
        Profile p = new Profile();
        for (String t : List.of("alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes")) {
            String[] parts = t.split("/");
            p.sampleTypes.add(new ValueType(parts[0], parts[1]));
        }
        p.defaultSampleType = "inuse_space";
        Mapping m = new Mapping();
        m.id = 1;
        m.file = "shop";
        m.hasFunctions = m.hasFilenames = m.hasLineNumbers = true;
        p.mappings.add(m);
        Location main = location(p, m, "dev.example.Main.main", "Main.java", 3);
        Location serveRender = location(p, m, "dev.example.Shop.serve", "Shop.java", 5);
        Location serveCache = location(p, m, "dev.example.Shop.serve", "Shop.java", 6);
        Location render = location(p, m, "dev.example.Shop.render", "Shop.java", 10);
        Location put = location(p, m, "dev.example.Cache.put", "Cache.java", 40);
        Location idle = location(p, m, "dev.example.Gc.idle", "Gc.java", 7);
        sample(p, 100, 100 * MB, 10, 10 * MB, render, serveRender, main);
        sample(p, 20, 20 * MB, 80, 80 * MB, put, serveCache, main);
        sample(p, 5, 5 * MB, 1, MB, idle, main);
        return p;
    }

    private static Location location(Profile p, Mapping m, String name, String file, long line) {
        Function f = p.functions.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
        if (f == null) {
            f = new Function(name, file);
            f.id = p.functions.size() + 1;
            p.functions.add(f);
        }
        Location l = new Location(new Line(f, line));
        l.id = p.locations.size() + 1;
        l.mapping = m;
        p.locations.add(l);
        return l;
    }

    private static void sample(Profile p, long allocObjects, long allocSpace, long inuseObjects, long inuseSpace,
            Location... leafFirst) {
        p.samples.add(new Sample(new ArrayList<>(List.of(leafFirst)), allocObjects, allocSpace, inuseObjects, inuseSpace));
    }
}
