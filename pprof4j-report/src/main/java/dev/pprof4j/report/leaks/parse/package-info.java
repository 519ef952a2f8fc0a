/**
 * Readers of the text the hunt gets from an agent or a Go service: {@code goroutine?debug=2}
 * thread dumps, class histograms, and the rows of {@code heap/retainers}. They read strings
 * and fetch nothing.
 */
package dev.pprof4j.report.leaks.parse;
