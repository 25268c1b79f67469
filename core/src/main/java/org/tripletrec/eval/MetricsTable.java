package org.tripletrec.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several {@link Metrics} side by side as plain text for the command line: one row per metric, one column per
 * named result (e.g. "model", "popularity", "random"), 4 decimals. A metric a column lacks shows "-".
 * Immutable: {@link #with} returns a new table.
 */
public final class MetricsTable {
    private final Map<String, Metrics> columns;

    public MetricsTable() { this(new LinkedHashMap<>()); }

    private MetricsTable(Map<String, Metrics> columns) { this.columns = columns; }

    /** A table with the given columns, in the map's iteration order. */
    public static MetricsTable of(Map<String, Metrics> columns) {
        MetricsTable t = new MetricsTable();
        for (Map.Entry<String, Metrics> e : columns.entrySet()) {
            t = t.with(e.getKey(), e.getValue());
        }
        return t;
    }

    /** This table plus (or with a replaced) column {@code name}. */
    public MetricsTable with(String name, Metrics metrics) {
        if (name == null || metrics == null) {
            throw new IllegalArgumentException("null column name or metrics");
        }
        LinkedHashMap<String, Metrics> copy = new LinkedHashMap<>(columns);
        copy.put(name, metrics);
        return new MetricsTable(copy);
    }

    public Map<String, Metrics> columns() { return Collections.unmodifiableMap(columns); }

    /** The rows: every metric name of any column, in order of first appearance. */
    public List<String> rowNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Metrics m : columns.values()) {
            names.addAll(m.asMap().keySet());
        }
        return new ArrayList<>(names);
    }

    public String format() {
        List<String> rows = rowNames();
        List<String> headers = new ArrayList<>(columns.keySet());
        String[][] cells = new String[rows.size()][headers.size()];
        int nameWidth = "metric".length();
        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
        }
        for (int r = 0; r < rows.size(); r++) {
            String name = rows.get(r);
            nameWidth = Math.max(nameWidth, name.length());
            int c = 0;
            for (Metrics m : columns.values()) {
                cells[r][c] = m.has(name) ? Metrics.format(name, m.get(name)) : "-";
                widths[c] = Math.max(widths[c], cells[r][c].length());
                c++;
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, "metric", nameWidth, headers.toArray(new String[0]), widths);
        for (int r = 0; r < rows.size(); r++) {
            appendRow(sb, rows.get(r), nameWidth, cells[r], widths);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String name, int nameWidth, String[] cells, int[] widths) {
        sb.append(name).append(" ".repeat(nameWidth - name.length()));
        for (int c = 0; c < cells.length; c++) {
            sb.append("  ").append(" ".repeat(widths[c] - cells[c].length())).append(cells[c]);
        }
        sb.append('\n');
    }

    @Override
    public String toString() { return format(); }
}
