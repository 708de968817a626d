package jdlab.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What an export wrote and how each file compared with DJL on the check batch: one row per file
 * (the float model, then the int8 one when asked for).
 */
public final class ExportReport {

    /** One written file, compared with DJL. */
    public record Row(String variant, Path file, long bytes, Parity parity, Double accuracy, double runtimeMillis,
            double djlMillis) {
    }

    private final String check;
    private final List<Row> rows;

    ExportReport(String check, List<Row> rows) {
        this.check = check;
        this.rows = List.copyOf(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** The largest absolute difference between the float model in ONNX Runtime and DJL. */
    public double maxDiff() {
        return rows.get(0).parity().maxDiff();
    }

    /** The parity table: per file its size, differences from DJL, accuracy and time per batch in each runtime. */
    public Table table() {
        Table table = Table.create("parity with DJL on " + check,
                StringColumn.create("model"), StringColumn.create("file"), StringColumn.create("size"),
                StringColumn.create("max |diff|"), StringColumn.create("mean |diff|"),
                StringColumn.create("argmax agreement"), StringColumn.create("accuracy"),
                StringColumn.create("ORT ms/batch"), StringColumn.create("DJL ms/batch"));
        for (Row row : rows) {
            table.stringColumn(0).append(row.variant());
            table.stringColumn(1).append(row.file().getFileName().toString());
            table.stringColumn(2).append(size(row.bytes()));
            table.stringColumn(3).append(format("%.2e", row.parity().maxDiff()));
            table.stringColumn(4).append(format("%.2e", row.parity().meanDiff()));
            table.stringColumn(5).append(format("%.1f%%", 100 * row.parity().argmaxAgreement()));
            table.stringColumn(6).append(row.accuracy() == null ? "" : format("%.1f%%", 100 * row.accuracy()));
            table.stringColumn(7).append(format("%.2f", row.runtimeMillis()));
            table.stringColumn(8).append(format("%.2f", row.djlMillis()));
        }
        return table;
    }

    /** One line: where the model went and how close ONNX Runtime came to DJL. */
    @Override
    public String toString() {
        Row first = rows.get(0);
        StringBuilder line = new StringBuilder(format("Exported %s (%s): ONNX Runtime matches DJL to %.1e on %s",
                first.file(), size(first.bytes()), first.parity().maxDiff(), check));
        if (rows.size() > 1) {
            Row int8 = rows.get(1);
            line.append(format("; int8 %s is %.1f× smaller", int8.file().getFileName(), (double) first.bytes() / int8.bytes()));
        }
        return line.append('.').toString();
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? format("%.1f KB", bytes / 1024.0) : format("%.2f MB", bytes / (1024.0 * 1024));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
