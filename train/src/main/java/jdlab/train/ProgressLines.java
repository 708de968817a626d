package jdlab.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rank 0's live view, carried to the notebook as marked lines of its output, so that it shows
 * wherever the rank runs: {@link #ProgressLines this listener} writes them on the worker, and
 * {@link #reader} draws a {@link LiveView} from them in the kernel. A batch line goes out about
 * {@value #LINES_PER_EPOCH} times an epoch, with the examples of the batches since the last one.
 */
final class ProgressLines implements TrainingListener {

    static final String MARK = "\u001Ejdlab-progress ";
    private static final int LINES_PER_EPOCH = 50;

    private final PrintStream out;
    private final String metric;
    private int every = 1;
    private long examples; // since the last batch line

    /** Writes rank 0's progress to {@code out}; {@code metric} names the run's metric besides the loss, or is null. */
    ProgressLines(PrintStream out, String metric) {
        this.out = out;
        this.metric = metric;
    }

    @Override
    public void onTrainingBegin(TrainingState run) {
        every = Math.max(1, run.batchesPerEpoch() / LINES_PER_EPOCH);
        send("begin", run.epochs(), run.batchesPerEpoch(), run.batchesDone(), metric == null ? "-" : metric);
    }

    @Override
    public void onTrainingBatch(TrainingState run) {
        examples += run.stepSize();
        if (run.batch() % every == 0 || run.batch() == run.batchesPerEpoch()) {
            send("batch", run.epoch(), run.batch(), run.batchesDone(), run.smoothedLoss(), examples);
            examples = 0;
        }
    }

    @Override
    public void onEpoch(TrainingState run) {
        List<Object> fields = new ArrayList<>(List.of(run.epoch(), run.batchesDone()));
        run.metrics().forEach((name, value) -> fields.add(name + "=" + value));
        send("epoch", fields.toArray());
    }

    @Override
    public void onTrainingEnd(TrainingState run) {
        send("end", run.history().size(), run.interrupted(), run.batchesDone(), run.status());
    }

    private void send(String event, Object... fields) {
        StringBuilder line = new StringBuilder(MARK).append(event);
        for (Object field : fields) {
            line.append(' ').append(field instanceof Double d ? Double.toString(d) : String.valueOf(field));
        }
        out.println(line);
    }

    /**
     * Reads a launch's lines in the kernel: rank 0's progress draws a live view of the run, the
     * other lines go to {@code others}. Called one line at a time.
     */
    static Consumer<String> reader(Consumer<String> others) {
        return new Consumer<>() {
            private LiveView view;
            private final History history = new History();

            @Override
            public void accept(String line) {
                int mark = line.indexOf(MARK);
                if (mark < 0) {
                    others.accept(line);
                    return;
                }
                String event = line.substring(mark + MARK.length());
                String[] f = event.split(" ", event.startsWith("end ") ? 5 : -1); // the status, last, has spaces
                if (f[0].equals("begin")) {
                    view = new LiveView(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                            f[4].equals("-") ? null : f[4], true);
                } else if (f[0].equals("batch")) {
                    view.batch(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                            Double.parseDouble(f[4]), Integer.parseInt(f[5]));
                } else if (f[0].equals("epoch")) {
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    for (int i = 3; i < f.length; i++) {
                        int eq = f[i].indexOf('=');
                        metrics.put(f[i].substring(0, eq), Double.parseDouble(f[i].substring(eq + 1)));
                    }
                    history.add(metrics);
                    view.epoch(Integer.parseInt(f[1]), metrics, Long.parseLong(f[2]));
                } else if (f[0].equals("end")) {
                    view.finish(Integer.parseInt(f[1]), Boolean.parseBoolean(f[2]), Long.parseLong(f[3]), f[4],
                            history.table());
                }
            }
        };
    }
}
