package dev.pprof4j.cli;

import dev.pprof4j.protocol.JsonReader;
import dev.pprof4j.report.http.AgentFetch;
import dev.pprof4j.report.web.AgentHistory;
import dev.pprof4j.report.web.ProfileSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history of the agent a web UI's profile URL points at ({@code
 * http://host:port/debug/pprof/heap}, also allocs, goroutine, threadcreate): its
 * {@code /debug/vars} series and the same URL with {@code since=}.
 */
final class AgentHistoryUrl implements AgentHistory {
    private static final Pattern PROFILE = Pattern.compile("^(https?://[^/]+)/debug/pprof/(heap|allocs|goroutine|threadcreate)$");
    private static final long MAX_VARS = 16L << 20;

    private final String base;
    private final String profileUrl;
    private final Sources sources;
    private final String name;

    private AgentHistoryUrl(String base, String profileUrl, Sources sources, String name) {
        this.base = base;
        this.profileUrl = profileUrl;
        this.sources = sources;
        this.name = name;
    }

    /** The history behind {@code source} when it is one agent profile URL without a query, else null. */
    static AgentHistoryUrl of(List<String> names, List<String> bases, Sources sources) {
        if (names.size() != 1 || !bases.isEmpty()) {
            return null;
        }
        String url = HttpSource.adjustUrl(names.get(0));
        Matcher m = url == null ? null : PROFILE.matcher(url);
        return m != null && m.matches() ? new AgentHistoryUrl(m.group(1), url, sources, names.get(0)) : null;
    }

    @Override
    public List<Point> points() throws IOException {
        AgentFetch.Answer response = AgentFetch.get(URI.create(base + "/debug/vars"), sources.auth(),
                Duration.ofSeconds(10), MAX_VARS);
        List<Point> points = new ArrayList<>();
        if (response.status() != 200) {
            return points;
        }
        Map<String, Object> vars;
        try {
            vars = JsonReader.object(response.text());
        } catch (IllegalArgumentException e) {
            throw new IOException(base + "/debug/vars: " + e.getMessage(), e);
        }
        if (!(vars.get("history") instanceof Map<?, ?> history) || !(history.get("Snapshots") instanceof List<?> snapshots)) {
            return points;
        }
        for (Object snapshot : snapshots) {
            if (snapshot instanceof Map<?, ?> raw) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) raw;
                points.add(new Point(JsonReader.string(p, "Time", ""), JsonReader.number(p, "AgeMs", 0),
                        JsonReader.number(p, "HeapAlloc", 0), JsonReader.number(p, "Platform", 0),
                        JsonReader.number(p, "Virtual", -1), JsonReader.number(p, "NumGC", 0)));
            }
        }
        return points;
    }

    @Override
    public ProfileSource.Snapshot since(String since) throws IOException {
        try {
            String url = profileUrl + "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
            return ProfileSource.Snapshot.of(sources.load(List.of(url), List.of(), List.of()),
                    name + " since=" + since + " (now minus the agent's history snapshot then)");
        } catch (CliError e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
