package org.delays4j.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header, rows of cells, columns padded to their widest cell. Numeric
 * cells are right-aligned, text left-aligned.
 */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        if (header.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        this.header = header.clone();
    }

    /** Adds a row; cells are converted with {@link String#valueOf(Object)}. */
    public Table row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.length + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    /** The number of rows (header excluded). */
    public int size() {
        return rows.size();
    }

    /** The table as lines: header, a rule, the rows. */
    public List<String> lines() {
        int[] w = new int[header.length];
        for (int c = 0; c < w.length; c++) w[c] = header[c].length();
        for (String[] r : rows) for (int c = 0; c < w.length; c++) w[c] = Math.max(w[c], r[c].length());
        List<String> out = new ArrayList<>(rows.size() + 2);
        out.add(format(header, w, true));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < w.length; c++) rule.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
        out.add(rule.toString());
        for (String[] r : rows) out.add(format(r, w, false));
        return out;
    }

    /** Prints {@link #lines()}. */
    public void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }

    private static String format(String[] cells, int[] w, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) sb.append("  ");
            String s = cells[c];
            String pad = " ".repeat(w[c] - s.length());
            if (!header && isNumber(s)) sb.append(pad).append(s);
            else sb.append(s).append(c == cells.length - 1 ? "" : pad);
        }
        return sb.toString();
    }

    static boolean isNumber(String s) {
        return s.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    }
}
