package jdlab.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdlab.train.data.Examples;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained model scored on test examples: loss, accuracy and, for classes, the confusion matrix
 * (as a table and as a heatmap) and which examples it got wrong.
 */
public final class Evaluation {

    private final Examples examples;
    private final Loss loss;
    private final Scores scores;

    private Evaluation(Examples examples, Loss loss, Scores scores) {
        this.examples = examples;
        this.loss = loss;
        this.scores = scores;
    }

    /**
     * Scores a {@link Model} or {@link Block} on test data: {@link Examples}, a DJL dataset, or a
     * table (encoded as the block's training table was).
     */
    public static Evaluation of(Object modelOrBlock, Object data) {
        Block block = modelOrBlock instanceof Model model ? model.getBlock() : modelOrBlock instanceof Block b ? b : null;
        if (block == null) {
            throw new IllegalArgumentException("the model must be a DJL Model or Block, not "
                    + (modelOrBlock == null ? "null" : modelOrBlock.getClass().getName()));
        }
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the model has no weights yet: train it first");
        }
        Examples examples = Training.examplesFor(block, data, "test data");
        Loss loss = examples.classes() > 0 ? Loss.CROSS_ENTROPY : Loss.MSE;
        try (NDManager manager = NDManager.newBaseManager()) {
            return new Evaluation(examples, loss, Scores.of(block, manager, examples, loss, true));
        }
    }

    public double loss() {
        return scores.loss();
    }

    /** The share of examples whose predicted class is their label; NaN for regression. */
    public double accuracy() {
        return scores.accuracy();
    }

    /** The mean absolute error of the predictions; NaN for class labels. */
    public double mae() {
        return scores.mae();
    }

    /** The predicted class of each example. */
    public long[] predictions() {
        return scores.predictions().clone();
    }

    /** {@code counts[actual][predicted]}. */
    public int[][] confusion() {
        requireClasses();
        int k = examples.classes();
        int[][] counts = new int[k][k];
        long[] predicted = scores.predictions();
        for (int i = 0; i < predicted.length; i++) {
            counts[(int) examples.label(i)][(int) predicted[i]]++;
        }
        return counts;
    }

    /**
     * The confusion matrix as a table: one row per actual class, one column per predicted class. A
     * first column names the actual class, unless the classes are named by their indices (digits),
     * where it would only repeat the row numbers beside it.
     */
    public Table confusionTable() {
        int[][] counts = confusion();
        List<String> names = examples.classNames();
        Table table = Table.create("confusion (rows: actual, columns: predicted)");
        boolean namedByIndex = java.util.stream.IntStream.range(0, names.size())
                .allMatch(i -> names.get(i).equals(Integer.toString(i)));
        if (!namedByIndex) {
            table.addColumns(StringColumn.create("actual", names));
        }
        for (int p = 0; p < names.size(); p++) {
            IntColumn column = IntColumn.create(names.get(p));
            for (int[] row : counts) {
                column.append(row[p]);
            }
            table.addColumns(column);
        }
        return table;
    }

    /** The confusion matrix as a Plotly heatmap, actual classes down, predicted across, darker for more. */
    public Map<String, Object> heatmap() {
        int[][] counts = confusion();
        List<List<Integer>> z = new ArrayList<>();
        for (int[] row : counts) {
            z.add(java.util.Arrays.stream(row).boxed().toList());
        }
        List<String> names = examples.classNames();
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "heatmap");
        trace.put("z", z);
        trace.put("x", names);
        trace.put("y", names);
        // From white at 0 to dark blue at the largest count: the diagonal of a good model reads as the
        // strong colour and empty cells stay pale (Plotly's named "Blues" runs the other way).
        trace.put("colorscale", List.of(List.of(0, "#f7fbff"), List.of(0.5, "#6baed6"), List.of(1, "#08306b")));
        trace.put("zmin", 0);
        trace.put("text", z);
        trace.put("texttemplate", "%{text}");
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", String.format(Locale.ROOT, "confusion matrix (accuracy %.1f %%)", 100 * accuracy())));
        layout.put("xaxis", Map.of("title", Map.of("text", "predicted"), "type", "category"));
        layout.put("yaxis", Map.of("title", Map.of("text", "actual"), "type", "category", "autorange", "reversed"));
        layout.put("width", 520);
        layout.put("height", 480);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", List.of(trace));
        figure.put("layout", layout);
        return figure;
    }

    /** The indices of the examples predicted wrong, in order. */
    public int[] misclassified() {
        requireClasses();
        long[] predicted = scores.predictions();
        return java.util.stream.IntStream.range(0, predicted.length)
                .filter(i -> predicted[i] != (long) examples.label(i)).toArray();
    }

    /** Labels like {@code "7→1"} (actual, then predicted) for some examples, e.g. under an image grid. */
    public List<String> labels(int... indices) {
        requireClasses();
        List<String> names = examples.classNames();
        List<String> labels = new ArrayList<>();
        for (int i : indices) {
            labels.add(names.get((int) examples.label(i)) + "→" + names.get((int) scores.predictions()[i]));
        }
        return labels;
    }

    /** The examples scored, e.g. to show the misclassified ones. */
    public Examples examples() {
        return examples;
    }

    private void requireClasses() {
        if (!loss.classifies()) {
            throw new IllegalStateException("a confusion matrix needs class labels; these examples have targets");
        }
    }

    @Override
    public String toString() {
        String metric = loss.classifies() ? String.format(Locale.ROOT, " · accuracy %.2f %%", 100 * accuracy())
                : String.format(Locale.ROOT, " · mean absolute error %.4g", mae());
        return String.format(Locale.ROOT, "loss %.4f%s on %,d examples", loss(), metric, examples.size());
    }
}
