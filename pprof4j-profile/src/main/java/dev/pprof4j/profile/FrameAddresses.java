package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every distinct Java frame a non-zero address of its own, the same one in every profile
 * this table lays out, so that tools which key samples by {@link Location#address} see the
 * stacks pprof4j sees. Java has no program counters; without this every location would have
 * address 0, and Grafana Alloy's delta step (which identifies a sample by the hash of its
 * locations' addresses plus its labels) and Parca's deduplication would merge every stack of
 * the same depth into one. A frame is its chain of (function name, file, line), innermost
 * first, so an inlined chain is a frame of its own.
 *
 * <p>Bounded: at most {@code capacity} frames are remembered, least recently used forgotten
 * first. Addresses come from a counter that only grows, so an address is never given to a
 * second frame; a forgotten frame that comes back gets a new address, which address-keyed
 * tools see as a new stack (one window's delta of it is then its cumulative value). Keep the
 * capacity above the number of frames a process's profiles show and that never happens.
 *
 * <p>Thread-safe; one table per process (the agent's runtime owns it), or per conversion in
 * the CLI.
 */
public final class FrameAddresses {
    /**
     * The pseudo mapping's start: addresses look like a program's (Go's start near 0x400000)
     * and stay clear of 0, which profile.proto reads as "no address".
     */
    public static final long BASE = 0x100_0000L;
    /** Addresses 16 apart, as distinct code would be; a reader of {@code -addresses} output tells them apart easily. */
    static final long STRIDE = 0x10;
    /** The pseudo mapping's end: 2^40 addresses, far more than a counter reaches. */
    public static final long LIMIT = BASE + (1L << 40);

    private final int capacity;
    private final Map<Object, Long> addresses;
    private long nextSerial;
    private long forgotten;

    public FrameAddresses(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.addresses = new LinkedHashMap<>(Math.min(capacity, 1 << 12), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
                if (size() > FrameAddresses.this.capacity) {
                    forgotten++;
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Lays {@code profile} out for address-keyed tools, in place: every location gets its
     * frame's address and a mapping (one pseudo mapping with {@code has_functions}, so pprof
     * does not try to symbolize the addresses), and mappings, locations and functions are
     * listed once each with ids 1, 2, 3… in list order (Parca requires {@code id == index+1}).
     *
     * @return {@code profile}
     */
    public Profile assign(Profile profile) {
        List<Location> locations = reachableLocations(profile);
        Mapping mapping = mappingOf(profile);
        synchronized (this) {
            for (Location location : locations) {
                location.address = addressOf(frameKey(location));
            }
        }
        Set<Function> seenFunctions = identitySet();
        List<Function> functions = new ArrayList<>(profile.functions.size());
        for (Function function : profile.functions) {
            if (function != null && seenFunctions.add(function)) {
                functions.add(function);
            }
        }
        for (Location location : locations) {
            if (location.mapping == null) {
                location.mapping = mapping;
            }
            for (Line line : location.lines) {
                if (line.function() != null && seenFunctions.add(line.function())) {
                    functions.add(line.function());
                }
            }
        }
        Set<Mapping> seenMappings = identitySet();
        List<Mapping> mappings = new ArrayList<>(profile.mappings.size() + 1);
        for (Mapping m : profile.mappings) {
            if (m != null && seenMappings.add(m)) {
                mappings.add(m);
            }
        }
        for (Location location : locations) {
            if (seenMappings.add(location.mapping)) {
                mappings.add(location.mapping);
            }
        }
        renumber(profile.mappings, mappings);
        renumber(profile.locations, locations);
        renumber(profile.functions, functions);
        return profile;
    }

    /** How many frames were forgotten to stay within the capacity (each later seen anew gets a new address). */
    public synchronized long forgotten() {
        return forgotten;
    }

    /** How many frames the table remembers now. */
    public synchronized int size() {
        return addresses.size();
    }

    private long addressOf(Object key) {
        Long address = addresses.get(key);
        if (address == null) {
            address = BASE + STRIDE * ++nextSerial;
            addresses.put(key, address);
        }
        return address;
    }

    /** One pseudo mapping for the whole JVM: the profile's first, or a new one if it has none. */
    private static Mapping mappingOf(Profile profile) {
        Mapping mapping = profile.mappings.isEmpty() ? null : profile.mappings.get(0);
        if (mapping == null) {
            // No file name: go tool pprof would print it as the report's "File:" line.
            mapping = new Mapping();
            mapping.hasFunctions = true;
            mapping.hasFilenames = true;
            mapping.hasLineNumbers = true;
            mapping.hasInlineFrames = true;
            profile.mappings.add(0, mapping);
        }
        if (mapping.memoryStart == 0 && mapping.memoryLimit == 0) {
            mapping.memoryStart = BASE;
            mapping.memoryLimit = LIMIT;
        }
        return mapping;
    }

    /** A frame's identity: its function name, file and line, innermost first when inlined. */
    private static Object frameKey(Location location) {
        if (location.lines.size() == 1) {
            return Frame.of(location.lines.get(0));
        }
        List<Frame> chain = new ArrayList<>(location.lines.size());
        for (Line line : location.lines) {
            chain.add(Frame.of(line));
        }
        return chain;
    }

    /** Not a record: a record's equals bootstraps java.lang.invoke, ~10 ms of the CLI's cold start. */
    private static final class Frame {
        private final String function;
        private final String file;
        private final long line;

        private Frame(String function, String file, long line) {
            this.function = function;
            this.file = file;
            this.line = line;
        }

        static Frame of(Line line) {
            Function f = line.function();
            return f == null ? new Frame("", "", line.line()) : new Frame(f.name, f.filename, line.line());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && line == f.line && function.equals(f.function) && file.equals(f.file);
        }

        @Override
        public int hashCode() {
            return (function.hashCode() * 31 + file.hashCode()) * 31 + Long.hashCode(line);
        }
    }

    private static List<Location> reachableLocations(Profile profile) {
        Set<Location> seen = identitySet();
        List<Location> locations = new ArrayList<>(profile.locations.size());
        for (Location location : profile.locations) {
            if (location != null && seen.add(location)) {
                locations.add(location);
            }
        }
        for (Sample sample : profile.samples) {
            for (Location location : sample.locations) {
                if (seen.add(location)) {
                    locations.add(location);
                }
            }
        }
        return locations;
    }

    private static <T> void renumber(List<T> target, List<T> inOrder) {
        target.clear();
        target.addAll(inOrder);
        long id = 1;
        for (T o : inOrder) {
            if (o instanceof Mapping m) {
                m.id = id++;
            } else if (o instanceof Location l) {
                l.id = id++;
            } else {
                ((Function) o).id = id++;
            }
        }
    }

    private static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
