package io.actorpreload.benchmarks.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Collects {@link Figure}s from every benchmark and prints them as one plain-text table, each
 * figure beside its baseline and their ratio. Thread-safe.
 */
public final class ResultTable {
    private static final String[] HEADERS = {
        "benchmark", "scenario", "figure", "value", "baseline", "baseline value", "ratio"
    };
    private final List<Figure> figures = new ArrayList<>();

    public synchronized void add(Figure figure) {
        figures.add(figure);
    }

    public synchronized void addAll(Collection<Figure> more) {
        figures.addAll(more);
    }

    /** Prints the table: one line per figure, columns aligned. */
    public synchronized void print(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Figure figure : figures) {
            rows.add(new String[] {
                figure.benchmark(),
                figure.scenario(),
                figure.name(),
                format(figure.value()),
                figure.baselineName(),
                figure.baseline().isPresent() ? format(figure.baseline().getAsDouble()) : "",
                figure.ratio().isPresent() ? ratio(figure.ratio().getAsDouble()) : ""
            });
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths));
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.println(line(rule, widths));
            }
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            boolean number = i == 3 || i == 5 || i == 6;
            String cell = number ? pad(cells[i], widths[i], true) : pad(cells[i], widths[i], false);
            line.append(' ').append(cell).append(" |");
        }
        return line.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }

    /** value / baseline with three significant figures. */
    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.3g", ratio).replaceFirst("e-0?", "e-") + "x";
    }

    /** Three significant figures, at most three decimals. */
    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value) && magnitude < 1e15) {
            return String.format(Locale.ROOT, "%.0f", value);
        } else if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        } else if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
