/**
 * From a series of snapshots to findings: {@link dev.pprof4j.report.leaks.detect.LeakDetector}
 * judges what grew as a leak grows ({@link dev.pprof4j.report.leaks.detect.LeakCriteria}, a
 * Mann-Kendall rank test), folds what leaked threads hold into their finding, looks up who
 * holds what grew, and names a fix from the holder. Its result, a
 * {@link dev.pprof4j.report.leaks.detect.LeakReport}, keeps rows apart from printing.
 */
package dev.pprof4j.report.leaks.detect;
