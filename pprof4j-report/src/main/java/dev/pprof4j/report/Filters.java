package dev.pprof4j.report;

import dev.pprof4j.profile.FramePruner;
import dev.pprof4j.profile.NameFilter;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.top.NumLabelUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;


/**
 * The profile operations a report applies before printing: focus/ignore/hide/show and the
 * granularity. They live in pprof4j-profile; this is where the report calls them.
 */
final class Filters {
    private Filters() {
    }

    /**
     * Applies focus/ignore/hide/show, show_from, tagfocus/tagignore, tagshow/taghide and
     * prune_from, in go tool pprof's order ({@code applyFocus}); returns a warning per
     * pattern that matched nothing (go tool pprof prints them on stderr), e.g. "Focus
     * expression matched no samples".
     */
    static List<String> apply(Profile profile, ReportConfig config) {
        Pattern focus = pattern("focus", config.focus);
        Pattern ignore = pattern("ignore", config.ignore);
        Pattern hide = pattern("hide", config.hide);
        Pattern show = pattern("show", config.show);
        Pattern showFrom = pattern("show_from", config.showFrom);
        Pattern pruneFrom = pattern("prune_from", config.pruneFrom);
        Pattern tagShow = pattern("tagshow", config.tagShow);
        Pattern tagHide = pattern("taghide", config.tagHide);
        List<String> warnings = new ArrayList<>();
        if (focus != null || ignore != null || hide != null || show != null) {
            NameFilter.Matched m = NameFilter.filter(profile, focus, ignore, hide, show);
            warn(warnings, focus == null || m.focus(), "Focus");
            warn(warnings, ignore == null || m.ignore(), "Ignore");
            warn(warnings, hide == null || m.hide(), "Hide");
            warn(warnings, show == null || m.show(), "Show");
        }
        if (showFrom != null) {
            warn(warnings, NameFilter.showFrom(profile, showFrom), "ShowFrom");
        }
        filterByTags(profile, config, warnings);
        if (tagShow != null || tagHide != null) {
            boolean[] matched = LabelFilter.filterKeys(profile, tagShow, tagHide);
            warn(warnings, tagShow == null || matched[0], "TagShow");
            warn(warnings, tagHide == null || matched[1], "TagHide");
        }
        if (pruneFrom != null) {
            FramePruner.pruneFrom(profile, pruneFrom);
        }
        return warnings;
    }

    /** {@code -tagfocus}/{@code -tagignore}: keeps the samples focused and not ignored. */
    private static void filterByTags(Profile profile, ReportConfig config, List<String> warnings) {
        if (config.tagFocus.isEmpty() && config.tagIgnore.isEmpty()) {
            return;
        }
        java.util.Map<String, String> units = NumLabelUnits.of(profile);
        TagFilter.Compiled focus = config.tagFocus.isEmpty() ? null : TagFilter.compile("tagfocus", config.tagFocus, units);
        TagFilter.Compiled ignore = config.tagIgnore.isEmpty() ? null : TagFilter.compile("tagignore", config.tagIgnore, units);
        if (focus != null && focus.range()) {
            warnings.add("tagfocus:Interpreted '" + rangeOf(config.tagFocus) + "' as range, not regexp");
        }
        if (ignore != null && ignore.range()) {
            warnings.add("tagignore:Interpreted '" + rangeOf(config.tagIgnore) + "' as range, not regexp");
        }
        boolean fm = false;
        boolean im = false;
        List<Sample> kept = new ArrayList<>(profile.samples.size());
        for (Sample s : profile.samples) {
            boolean focused = focus == null || focus.test().test(s);
            boolean ignored = ignore != null && ignore.test().test(s);
            fm |= focused;
            im |= ignored;
            if (focused && !ignored) {
                kept.add(s);
            }
        }
        profile.samples.clear();
        profile.samples.addAll(kept);
        warn(warnings, focus == null || fm, "TagFocus");
        warn(warnings, ignore == null || im, "TagIgnore");
    }

    private static String rangeOf(String value) {
        return value.substring(value.indexOf('=') + 1);
    }

    private static void warn(List<String> warnings, boolean matched, String option) {
        if (!matched) {
            warnings.add(option + " expression matched no samples");
        }
    }

    private static Pattern pattern(String option, String value) {
        return value == null || value.isEmpty() ? null : Reports.regex(option, value);
    }

    /** Forgets what the granularity does not show (pprof's {@code Profile.Aggregate}). */
    static void aggregate(Profile profile, ReportConfig config) {
        config.granularity.apply(profile, config.inlines);
    }
}
