package jdlab.train.data;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** How a label column becomes class indices or regression targets, as learnt from a training table. */
final class TableLabel {

    /** An integer label with at most this many distinct values names classes; with more, it is a target. */
    static final int MAX_INTEGER_CLASSES = 50;

    private static final List<ColumnType> INTEGERS = List.of(ColumnType.SHORT, ColumnType.INTEGER, ColumnType.LONG);
    private static final List<ColumnType> FLOATS = List.of(ColumnType.FLOAT, ColumnType.DOUBLE);
    private static final List<ColumnType> CATEGORIES = List.of(ColumnType.STRING, ColumnType.BOOLEAN);

    private final String column;
    private final List<String> classes;
    private final Map<String, Integer> index = new HashMap<>();

    private TableLabel(String column, List<String> classes) {
        this.column = column;
        this.classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
    }

    /** Learns the classes, or that there are none, from the label's values in these rows. */
    static TableLabel fit(Column<?> values, int[] rows) {
        ColumnType type = values.type();
        if (FLOATS.contains(type)) {
            return new TableLabel(values.name(), List.of());
        }
        if (INTEGERS.contains(type)) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (int row : rows) {
                distinct.add(((NumericColumn<?>) values).getDouble(row));
            }
            return new TableLabel(values.name(), distinct.size() > MAX_INTEGER_CLASSES
                    ? List.of() : distinct.stream().map(TableLabel::whole).toList());
        }
        if (CATEGORIES.contains(type)) {
            TreeSet<String> distinct = new TreeSet<>(Comparator.naturalOrder());
            for (int row : rows) {
                distinct.add(values.getString(row));
            }
            return new TableLabel(values.name(), List.copyOf(distinct));
        }
        throw new IllegalArgumentException("label column \"" + values.name() + "\" holds " + type
                + " values; a label must be numbers, text or booleans");
    }

    /** The class names in index order; empty when the label is a regression target. */
    List<String> classes() {
        return classes;
    }

    /** The class index, or the target, of a row whose label is present. */
    float encode(Column<?> values, int row) {
        if (classes.isEmpty()) {
            if (!(values instanceof NumericColumn<?> numbers)) {
                throw new IllegalArgumentException("label column \"" + column + "\" holds " + values.type()
                        + " values, but numbers in the training table");
            }
            return (float) numbers.getDouble(row);
        }
        String key = values instanceof NumericColumn<?> numbers ? whole(numbers.getDouble(row)) : values.getString(row);
        Integer at = index.get(key);
        if (at == null) {
            throw new IllegalArgumentException("row " + row + " has label \"" + key + "\" in column \"" + column
                    + "\", which is not one of the training classes: " + String.join(", ", classes));
        }
        return at;
    }

    /** A whole number without a decimal point, so that class 3 reads "3" whatever the column's type. */
    private static String whole(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** One phrase for summaries, e.g. {@code species: 3 classes (Adelie, Chinstrap, Gentoo)}. */
    String describe() {
        if (classes.isEmpty()) {
            return column + ": regression target";
        }
        int shown = Math.min(classes.size(), 10);
        String names = String.join(", ", classes.subList(0, shown)) + (shown < classes.size() ? ", …" : "");
        return column + ": " + classes.size() + " classes (" + names + ")";
    }
}
