package jdlab.train.data;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns Tablesaw tables into {@link Examples} with an encoding learnt from the training table only:
 * validation and test tables are encoded the same way, and their statistics never reach training.
 *
 * <ul>
 *   <li>Number columns (short, int, long, float, double) give one feature each; standardised, they
 *       are centred on the training mean and divided by the training standard deviation (by 1 when
 *       that is 0).
 *   <li>String and boolean columns give one feature per category seen in training, one-hot; a
 *       category first seen later sets none of them.
 *   <li>Other columns (dates, times, instants) are skipped, and {@link #summary()} names them.
 *   <li>The label is a class when it is text or boolean (classes: its sorted training values), a
 *       regression target when it is a float or double, and for whole numbers a class when there are
 *       at most 50 distinct training values (named by the numbers), a target otherwise.
 *   <li>Rows missing the label or any feature are dropped.
 * </ul>
 */
public final class TableEncoder {

    private static final List<ColumnType> NUMBERS = List.of(ColumnType.SHORT, ColumnType.INTEGER, ColumnType.LONG,
            ColumnType.FLOAT, ColumnType.DOUBLE);
    private static final List<ColumnType> CATEGORIES = List.of(ColumnType.STRING, ColumnType.BOOLEAN);

    private final String labelColumn;
    private final TableLabel label;
    private final List<ColumnFeatures> features;
    private final boolean standardized;
    private final List<String> skipped;
    private final int trainingRows;
    private final int keptRows;

    private TableEncoder(String labelColumn, TableLabel label, List<ColumnFeatures> features, boolean standardized,
            List<String> skipped, int trainingRows, int keptRows) {
        this.labelColumn = labelColumn;
        this.label = label;
        this.features = List.copyOf(features);
        this.standardized = standardized;
        this.skipped = List.copyOf(skipped);
        this.trainingRows = trainingRows;
        this.keptRows = keptRows;
    }

    /** Learns the features, their scaling and the label's classes from {@code train}. */
    public static TableEncoder fit(Table train, String labelColumn, boolean standardize) {
        Column<?> labels = column(train, labelColumn);
        List<Column<?>> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Column<?> c : train.columns()) {
            if (c == labels) {
                continue;
            }
            if (NUMBERS.contains(c.type()) || CATEGORIES.contains(c.type())) {
                used.add(c);
            } else {
                skipped.add(c.name() + " (" + c.type() + ")");
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no feature columns besides the label \"" + labelColumn
                    + "\": features must be numbers, text or booleans" + (skipped.isEmpty() ? "" : ", not " + String.join(", ", skipped)));
        }
        int[] rows = completeRows(labels, used);
        if (rows.length == 0) {
            throw new IllegalArgumentException("every row of the table misses the label or a feature; fill or drop "
                    + "the columns with missing values first (table.missingValueCounts() shows them)");
        }
        List<ColumnFeatures> features = new ArrayList<>();
        for (Column<?> c : used) {
            features.add(NUMBERS.contains(c.type())
                    ? numeric((NumericColumn<?>) c, rows, standardize)
                    : new ColumnFeatures.OneHot(c.name(), categories(c, rows)));
        }
        return new TableEncoder(labelColumn, TableLabel.fit(labels, rows), features, standardize, skipped,
                train.rowCount(), rows.length);
    }

    /** Encodes a table with its own encoding: fit and encode in one step, for when there is no separate test table. */
    public static Examples examples(Table table, String labelColumn) {
        return fit(table, labelColumn, true).encode(table);
    }

    /**
     * The complete rows of {@code table} as examples, encoded as learnt from the training table;
     * a label class that training did not see is an error.
     */
    public Examples encode(Table table) {
        Column<?> labels = column(table, labelColumn);
        List<Column<?>> columns = features.stream().<Column<?>>map(f -> column(table, f.column())).toList();
        int[] rows = completeRows(labels, columns);
        int width = featureNames().size();
        float[] x = new float[rows.length * width];
        float[] y = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int offset = i * width;
            for (int f = 0; f < features.size(); f++) {
                features.get(f).write(columns.get(f), rows[i], x, offset);
                offset += features.get(f).names().size();
            }
            y[i] = label.encode(labels, rows[i]);
        }
        if (label.classes().isEmpty()) {
            return Examples.regression(x, new Shape(width), y);
        }
        int[] classes = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            classes[i] = (int) y[i];
        }
        return Examples.classification(x, new Shape(width), classes, label.classes());
    }

    /** The features' names in order, e.g. {@code bill_length_mm} or {@code island=Biscoe}. */
    public List<String> featureNames() {
        return features.stream().flatMap(f -> f.names().stream()).toList();
    }

    /** What was learnt: the label, the features, and the training rows kept and dropped. */
    public String summary() {
        long numbers = features.stream().filter(ColumnFeatures.Numeric.class::isInstance).count();
        List<String> parts = new ArrayList<>();
        if (numbers > 0) {
            parts.add(numbers + (numbers == 1 ? " number" : " numbers") + (standardized ? " (standardised)" : ""));
        }
        for (ColumnFeatures f : features) {
            if (f instanceof ColumnFeatures.OneHot oneHot) {
                parts.add(oneHot.column() + " (" + oneHot.categories().size() + " categories)");
            }
        }
        return label.describe() + " from " + featureNames().size() + " features: " + String.join(", ", parts) + "\n"
                + keptRows + " of " + trainingRows + " training rows kept, " + (trainingRows - keptRows)
                + " dropped for a missing value" + (skipped.isEmpty() ? "" : "; skipped columns: " + String.join(", ", skipped));
    }

    @Override
    public String toString() {
        return summary();
    }

    private static Column<?> column(Table table, String name) {
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("no column \"" + name + "\" in the table; its columns are "
                    + String.join(", ", table.columnNames()));
        }
        return table.column(name);
    }

    private static int[] completeRows(Column<?> labels, List<Column<?>> columns) {
        return IntStream.range(0, labels.size())
                .filter(row -> !labels.isMissing(row) && columns.stream().noneMatch(c -> c.isMissing(row)))
                .toArray();
    }

    private static ColumnFeatures.Numeric numeric(NumericColumn<?> values, int[] rows, boolean standardize) {
        if (!standardize) {
            return new ColumnFeatures.Numeric(values.name(), 0, 1);
        }
        double sum = 0;
        for (int row : rows) {
            sum += values.getDouble(row);
        }
        double mean = sum / rows.length;
        double squares = 0;
        for (int row : rows) {
            double d = values.getDouble(row) - mean;
            squares += d * d;
        }
        // The population deviation, as scikit-learn's StandardScaler uses.
        double std = Math.sqrt(squares / rows.length);
        return new ColumnFeatures.Numeric(values.name(), mean, std > 0 ? std : 1);
    }

    private static List<String> categories(Column<?> values, int[] rows) {
        TreeSet<String> seen = new TreeSet<>();
        for (int row : rows) {
            seen.add(values.getString(row));
        }
        return List.copyOf(seen);
    }
}
