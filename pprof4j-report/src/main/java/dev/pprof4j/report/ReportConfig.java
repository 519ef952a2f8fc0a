package dev.pprof4j.report;

import dev.pprof4j.profile.Granularity;
import java.util.Locale;

/**
 * The settings of one report. Its defaults are {@link ReportOptions}' (go tool pprof's
 * {@code defaultConfig}), and {@link #set}/{@link #get} read and write a setting by its
 * table name, so the command line, the shell and the web UI fill it the same way. Fields
 * are plain values, as in pprof's {@code config}.
 */
public final class ReportConfig {
    /** Which report to produce. */
    public ReportFormat format = ReportFormat.TOP;
    /** The regex of {@code -peek}, {@code -list}; null otherwise. */
    public String peekRegex;
    /** Sample type name or index; empty means the profile's default. */
    public String sampleIndex;
    /** Sort rows by cumulative value ({@code -cum}) instead of flat. */
    public boolean cumSort;
    /** Rows to show; -1 means the report's default (all for -top, 80 for -tree). */
    public int nodeCount;
    public double nodeFraction;
    public double edgeFraction;
    /** Honor nodefraction/edgefraction/nodecount. */
    public boolean trim;
    /** Unit to show values in; "minimum" picks one per report, "auto" one per value. */
    public String unit;
    public Granularity granularity;
    /** Keep inlined frames as their own rows (pprof's default; {@code -noinlines} clears it). */
    public boolean inlines;
    /** Leave out nodes with negative values ({@code -drop_negative}, for diffs). */
    public boolean dropNegative;
    /** Percentages of the focused profile's total, not the whole one's. */
    public boolean relativePercentages;
    /** Values are shown divided by this ({@code -divide_by}, e.g. the number of CPUs or jobs). */
    public double divideBy;
    /**
     * Drawn call graphs as a tree: a function reached through different callers is a node per
     * path ({@code -call_tree}); reports other than graphs ignore it, as go tool pprof's do.
     */
    public boolean callTree;
    /** Headers without File/Type/Time lines (the shell's default, as go tool pprof's). */
    public boolean compactLabels;
    /** Where -list and the source view look for files (':'-separated); empty: where the profile says. */
    public String sourcePath;
    /** Prefixes (':'-separated) cut from the profile's file names before they are looked up on the source path. */
    public String trimPath;
    /** Values divided by the samples' first value (the count): the mean per event or allocation. */
    public boolean mean;
    /** With a base, the profile is first scaled so that each sample type's total is the base's. */
    public boolean normalize;
    /** Label keys (','-separated) whose values become pseudo-frames at each stack's root. */
    public String tagRoot;
    /** Label keys (','-separated) whose values become pseudo-frames at each stack's leaf. */
    public String tagLeaf;
    public String focus;
    public String ignore;
    public String pruneFrom;
    public String hide;
    public String show;
    public String showFrom;
    public String tagFocus;
    public String tagIgnore;
    public String tagShow;
    public String tagHide;

    /** A configuration with every option at its default. */
    public ReportConfig() {
        for (ReportOption o : ReportOptions.ALL) {
            set(o.name(), o.defaultValue());
        }
    }

    /** A copy: the shell's command-line arguments change a copy, as go tool pprof's do. */
    public ReportConfig copy() {
        ReportConfig c = new ReportConfig();
        for (ReportOption o : ReportOptions.ALL) {
            c.set(o.name(), get(o.name()));
        }
        c.format = format;
        c.peekRegex = peekRegex;
        return c;
    }

    /**
     * Sets the option {@code name} of {@link ReportOptions} (or a choice: {@code cum},
     * {@code lines}, with value true) to {@code value}, checked as its kind wants.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, saying which
     */
    public void set(String name, String value) {
        ReportOption option = ReportOptions.byName(name);
        if (option == null) {
            ReportOption group = ReportOptions.ofChoice(name);
            if (group == null) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (ReportOptions.byName("trim").check(value).equals("true")) {
                set(group.name(), name);
            }
            return;
        }
        String v = option.check(value);
        switch (name) {
            case "sample_index" -> sampleIndex = v;
            case "unit" -> unit = v.isEmpty() ? "minimum" : v;
            case "relative_percentages" -> relativePercentages = Boolean.parseBoolean(v);
            case "compact_labels" -> compactLabels = Boolean.parseBoolean(v);
            case "call_tree" -> callTree = Boolean.parseBoolean(v);
            case "divide_by" -> divideBy = Double.parseDouble(v);
            case "drop_negative" -> dropNegative = Boolean.parseBoolean(v);
            case "source_path" -> sourcePath = v;
            case "trim_path" -> trimPath = v;
            case "mean" -> mean = Boolean.parseBoolean(v);
            case "normalize" -> normalize = Boolean.parseBoolean(v);
            case "tagroot" -> tagRoot = v;
            case "tagleaf" -> tagLeaf = v;
            case "nodecount" -> nodeCount = Integer.parseInt(v);
            case "nodefraction" -> nodeFraction = Double.parseDouble(v);
            case "edgefraction" -> edgeFraction = Double.parseDouble(v);
            case "trim" -> trim = Boolean.parseBoolean(v);
            case "focus" -> focus = v;
            case "ignore" -> ignore = v;
            case "prune_from" -> pruneFrom = v;
            case "hide" -> hide = v;
            case "show" -> show = v;
            case "show_from" -> showFrom = v;
            case "tagfocus" -> tagFocus = v;
            case "tagignore" -> tagIgnore = v;
            case "tagshow" -> tagShow = v;
            case "taghide" -> tagHide = v;
            case "noinlines" -> inlines = !Boolean.parseBoolean(v);
            case "granularity" -> granularity = Granularity.valueOf(v.toUpperCase(Locale.ROOT));
            case "sort" -> cumSort = v.equals("cum");
            default -> throw new IllegalStateException("ReportOptions has " + name + " but ReportConfig.set does not");
        }
    }

    /** The current value of option {@code name}, as {@link #set} takes it. */
    public String get(String name) {
        return switch (name) {
            case "sample_index" -> sampleIndex;
            case "unit" -> unit;
            case "relative_percentages" -> String.valueOf(relativePercentages);
            case "compact_labels" -> String.valueOf(compactLabels);
            case "call_tree" -> String.valueOf(callTree);
            case "divide_by" -> plain(divideBy);
            case "drop_negative" -> String.valueOf(dropNegative);
            case "source_path" -> sourcePath;
            case "trim_path" -> trimPath;
            case "mean" -> String.valueOf(mean);
            case "normalize" -> String.valueOf(normalize);
            case "tagroot" -> tagRoot;
            case "tagleaf" -> tagLeaf;
            case "nodecount" -> String.valueOf(nodeCount);
            case "nodefraction" -> plain(nodeFraction);
            case "edgefraction" -> plain(edgeFraction);
            case "trim" -> String.valueOf(trim);
            case "focus" -> focus;
            case "ignore" -> ignore;
            case "prune_from" -> pruneFrom;
            case "hide" -> hide;
            case "show" -> show;
            case "show_from" -> showFrom;
            case "tagfocus" -> tagFocus;
            case "tagignore" -> tagIgnore;
            case "tagshow" -> tagShow;
            case "taghide" -> tagHide;
            case "noinlines" -> String.valueOf(!inlines);
            case "granularity" -> granularity.name().toLowerCase(Locale.ROOT);
            case "sort" -> cumSort ? "cum" : "flat";
            default -> throw new IllegalArgumentException("unknown option " + name);
        };
    }

    /** 0.005 as Go's %v prints it, not 5.0E-3. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
