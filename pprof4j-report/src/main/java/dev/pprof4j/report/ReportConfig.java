package dev.pprof4j.report;

/**
 * The settings of one report, with go tool pprof's defaults ({@code config.go}'s
 * {@code defaultConfig}). The command line fills it from its options table; the web UI
 * can fill it from URL parameters. Fields are plain values, as in pprof's {@code config}.
 */
public final class ReportConfig {
    /** Which report to produce. */
    public ReportFormat format = ReportFormat.TOP;
    /** The regex of {@code -peek}; null otherwise. */
    public String peekRegex;
    /** Sample type name or index; empty means the profile's default. */
    public String sampleIndex = "";
    /** Sort rows by cumulative value ({@code -cum}) instead of flat. */
    public boolean cumSort;
    /** Rows to show; -1 means the report's default (all for -top, 80 for -tree). */
    public int nodeCount = -1;
    public double nodeFraction = 0.005;
    public double edgeFraction = 0.001;
    /** Honor nodefraction/edgefraction/nodecount. */
    public boolean trim = true;
    /** Unit to show values in; "minimum" picks one per report, "auto" one per value. */
    public String unit = "minimum";
    public Granularity granularity = Granularity.FUNCTIONS;
    /** Keep inlined frames as their own rows (pprof's default; {@code -noinlines} clears it). */
    public boolean inlines = true;
    public String focus = "";
    public String ignore = "";
    public String hide = "";
    public String show = "";

    /** Row granularity, pprof's {@code -functions}, {@code -lines}, ... */
    public enum Granularity {
        FUNCTIONS, FILEFUNCTIONS, FILES, LINES, ADDRESSES
    }
}
