package dev.pprof4j.report.top;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of Go's {@code text/tabwriter} that pprof's {@code -tags} uses (padding 1,
 * right-aligned): each row's cells but the last are right-aligned in columns, a column as
 * wide as its widest cell plus one, over the run of consecutive rows that have that column
 * (an empty row ends every run, as in Go).
 */
final class TabWriter {
    private final List<List<String>> rows = new ArrayList<>();

    /** A row of cells; the last is trailing text, not aligned. No cells: an empty line. */
    void row(String... cells) {
        rows.add(List.of(cells));
    }

    void writeTo(StringBuilder out) {
        int n = rows.size();
        int[][] widths = new int[n][];
        for (int i = 0; i < n; i++) {
            widths[i] = new int[Math.max(0, rows.get(i).size() - 1)];
        }
        for (int column = 0; ; column++) {
            boolean any = false;
            for (int i = 0; i < n; ) {
                if (widths[i].length <= column) {
                    i++;
                    continue;
                }
                any = true;
                int j = i;
                int width = 0;
                while (j < n && widths[j].length > column) {
                    width = Math.max(width, rows.get(j).get(column).codePointCount(0, rows.get(j).get(column).length()) + 1);
                    j++;
                }
                for (int k = i; k < j; k++) {
                    widths[k][column] = width;
                }
                i = j;
            }
            if (!any) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            List<String> cells = rows.get(i);
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c);
                if (c < widths[i].length) {
                    out.append(" ".repeat(widths[i][c] - cell.codePointCount(0, cell.length()))).append(cell);
                } else {
                    out.append(cell);
                }
            }
            out.append('\n');
        }
    }
}
