package jdlab.train.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** How one table column becomes features, as learnt from a training table. */
sealed interface ColumnFeatures {

    /** The column's name. */
    String column();

    /** The names of the features it gives, in order. */
    List<String> names();

    /** Writes the features of a row whose value is present into {@code out} from {@code offset}. */
    void write(Column<?> values, int row, float[] out, int offset);

    /** A number, shifted by {@code mean} and divided by {@code scale}: (0, 1) leaves it as it is. */
    record Numeric(String column, double mean, double scale) implements ColumnFeatures {

        @Override
        public List<String> names() {
            return List.of(column);
        }

        @Override
        public void write(Column<?> values, int row, float[] out, int offset) {
            if (!(values instanceof NumericColumn<?> numbers)) {
                throw new IllegalArgumentException("column \"" + column + "\" holds " + values.type()
                        + " values, but numbers in the training table");
            }
            out[offset] = (float) ((numbers.getDouble(row) - mean) / scale);
        }
    }

    /** One feature per category seen in training; a category not seen then sets none of them. */
    record OneHot(String column, List<String> categories, Map<String, Integer> index) implements ColumnFeatures {

        OneHot(String column, List<String> categories) {
            this(column, List.copyOf(categories), indexOf(categories));
        }

        @Override
        public List<String> names() {
            return categories.stream().map(category -> column + "=" + category).toList();
        }

        @Override
        public void write(Column<?> values, int row, float[] out, int offset) {
            Integer at = index.get(values.getString(row));
            if (at != null) {
                out[offset + at] = 1;
            }
        }

        private static Map<String, Integer> indexOf(List<String> categories) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                index.put(categories.get(i), i);
            }
            return Map.copyOf(index);
        }
    }
}
