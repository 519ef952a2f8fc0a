/**
 * A {@link dev.pprof4j.report.leaks.detect.LeakReport} printed: text for people, JSON for
 * machines ({@code --format json}), the same findings in both.
 */
package dev.pprof4j.report.leaks.render;
