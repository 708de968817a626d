package jdlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** The metrics of each finished epoch, in order: what the chart draws and the table keeps. */
public final class History {

    private final List<Map<String, Double>> epochs = new ArrayList<>();

    /** A history of these rows, as {@link #rows()} gave them. */
    static History of(List<Map<String, Double>> rows) {
        History history = new History();
        rows.forEach(history::add);
        return history;
    }

    /** Records a finished epoch's metrics ({@code train_loss}, {@code val_accuracy}, ...), in column order. */
    void add(Map<String, Double> metrics) {
        epochs.add(new LinkedHashMap<>(metrics));
    }

    /** How many epochs finished. */
    public int size() {
        return epochs.size();
    }

    /** One epoch's metrics, by name; epochs count from 1. */
    public Map<String, Double> epoch(int epoch) {
        return Map.copyOf(epochs.get(epoch - 1));
    }

    /** The value of a metric at the last finished epoch, if it has one. */
    public Double last(String metric) {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).get(metric);
    }

    /** All rows as they were recorded, for a checkpoint. */
    List<Map<String, Double>> rows() {
        return epochs;
    }

    /** The history as a table: an {@code epoch} column, then one column per metric. */
    public Table table() {
        Table table = Table.create("history");
        IntColumn epoch = IntColumn.create("epoch");
        for (int i = 1; i <= epochs.size(); i++) {
            epoch.append(i);
        }
        table.addColumns(epoch);
        Map<String, DoubleColumn> columns = new LinkedHashMap<>();
        for (Map<String, Double> row : epochs) {
            row.keySet().forEach(name -> columns.computeIfAbsent(name, History::column));
        }
        for (Map<String, Double> row : epochs) {
            columns.forEach((name, column) -> {
                Double value = row.get(name);
                if (value == null) {
                    column.appendMissing();
                } else {
                    column.append(value);
                }
            });
        }
        columns.values().forEach(table::addColumns);
        return table;
    }

    // Shown to four decimals (seconds to two); the values themselves keep full precision.
    private static DoubleColumn column(String name) {
        DoubleColumn column = DoubleColumn.create(name);
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(name.equals("seconds") ? 2 : 4));
        return column;
    }

    @Override
    public String toString() {
        return table().print();
    }
}
