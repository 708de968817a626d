package jdlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdlab.api.Display;
import jdlab.api.DisplayHandle;
import jdlab.api.LiveChart;
import jdlab.api.ProgressSnapshot;
import jdlab.api.Stacked;
import jdlab.api.TextClients;

/**
 * A training run's one output, redrawn in place: a progress bar (epoch, batch, samples per second,
 * time left) over a chart of the loss (per epoch, and smoothed per batch) and one of the metric;
 * at the end, a line saying how the run ended and the per-epoch table, shown once more as text for
 * text clients ({@link TextClients}). Outside a kernel it shows nothing.
 *
 * <p>The bar's rate and its samples per second count this run's batches over this run's time, so
 * they agree (samples per second is steps per second times the batch) and a resumed run does not
 * count the epochs it skipped. Both charts span the run's epochs, so their x axes line up, and the
 * per-batch series keeps at most {@value #MOST_POINTS} points, so a redraw stays small however
 * long the run; redraws come at most once a second after the first few.
 */
final class LiveView implements TrainingListener, AutoCloseable {

    // Each redraw replaces the whole output, and the page draws both charts anew: the first come
    // quickly, then the pace halves down to one a second, so a long run (or one of many short epochs)
    // costs the browser little beside the training it shares the cores with.
    private static final long FIRST_REDRAW_NANOS = LiveChart.INTERVAL.toNanos();
    private static final long SLOWEST_REDRAW_NANOS = 1_000_000_000L;
    private static final int BATCH_POINTS_PER_EPOCH = 50;
    private static final int MOST_POINTS = 300;

    private final boolean shown;
    private final int epochs;
    private final int batchesPerEpoch;
    private final long batchesBefore; // done by the run this one resumes
    private final long start = System.nanoTime();
    private long samples; // seen by this run
    private final LiveChart loss;
    private final LiveChart metricChart;
    private final String metric;
    private DisplayHandle handle;
    private ProgressSnapshot bar;
    private String status;
    private long lastDrawn;
    private long redrawNanos = FIRST_REDRAW_NANOS;
    // Empty charts are drawn only once there is something on them: the page then plots nothing
    // while the first batches run, and a run shorter than a redraw costs it the final drawing only.
    private boolean plotted;

    LiveView(int epochs, int batchesPerEpoch, long batchesBefore, String metric, boolean show) {
        this.shown = show && Display.connected();
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchesBefore = batchesBefore;
        this.loss = LiveChart.detached("loss", "epoch", "train", "validation", "train (batches, smoothed)")
                .xRange(0, epochs).maxPoints(MOST_POINTS);
        this.metric = metric;
        this.metricChart = metric != null
                ? LiveChart.detached(metric, "epoch", "train", "validation").xRange(0, epochs).maxPoints(MOST_POINTS) : null;
        this.bar = snapshot("starting", batchesBefore, ProgressSnapshot.State.RUNNING);
        if (shown) {
            handle = Display.displayUpdatable(stack(List.of()));
            lastDrawn = System.nanoTime();
        }
    }

    @Override
    public void onTrainingBatch(TrainingState run) {
        batch(run.epoch(), run.batch(), run.batchesDone(), run.smoothedLoss(), run.stepSize());
    }

    @Override
    public void onEpoch(TrainingState run) {
        epoch(run.epoch(), run.metrics(), run.batchesDone());
    }

    @Override
    public void onTrainingEnd(TrainingState run) {
        finish(run.history().size(), run.interrupted(), run.batchesDone(), run.status(), run.history().table());
    }

    /** After a batch of {@code size} examples: moves the bar, and now and then adds the smoothed loss to the chart. */
    void batch(int epoch, int batch, long batchesDone, double smoothedLoss, int size) {
        samples += size;
        if (!shown) {
            return;
        }
        int every = Math.max(1, batchesPerEpoch / BATCH_POINTS_PER_EPOCH);
        if (batch % every == 0 && Double.isFinite(smoothedLoss)) {
            loss.add("train (batches, smoothed)", epoch - 1 + (double) batch / batchesPerEpoch, smoothedLoss);
            plotted = true;
        }
        long now = System.nanoTime();
        if (now - lastDrawn >= redrawNanos) {
            bar = snapshot(label(epoch, epochs, batch, batchesPerEpoch, samples, now - start), batchesDone,
                    ProgressSnapshot.State.RUNNING);
            redraw(List.of());
        }
    }

    /** After an epoch: its metrics join the charts. */
    void epoch(int epoch, Map<String, Double> metrics, long batchesDone) {
        if (!shown) {
            return;
        }
        plotted = true;
        point(loss, "train", epoch, metrics.get("train_loss"));
        point(loss, "validation", epoch, metrics.get("val_loss"));
        if (metricChart != null) {
            point(metricChart, "train", epoch, metrics.get("train_" + metric));
            point(metricChart, "validation", epoch, metrics.get("val_" + metric));
        }
        bar = snapshot(String.format("epoch %d/%d done", epoch, epochs), batchesDone, ProgressSnapshot.State.RUNNING);
        if (System.nanoTime() - lastDrawn >= redrawNanos) {
            redraw(List.of()); // otherwise the next due redraw, or the final one, shows the epoch
        }
    }

    /** The final drawing: the bar stopped where the run did, how it ended, the charts, the table. */
    void finish(int epochsDone, boolean interrupted, long batchesDone, String status, Object table) {
        if (!shown) {
            return;
        }
        loss.close();
        if (metricChart != null) {
            metricChart.close();
        }
        bar = snapshot(String.format("%d/%d epochs", epochsDone, epochs), batchesDone,
                interrupted ? ProgressSnapshot.State.INTERRUPTED : ProgressSnapshot.State.DONE);
        this.status = status;
        redraw(List.of(table));
        Object text = Display.render(stack(List.of(table)), "text/plain").data().get("text/plain");
        Display.display(TextClients.finalState(String.valueOf(text)));
    }

    /** The bar's label while an epoch runs: {@code epoch 2/5 · batch 40/94 · 1,234 samples/s}. */
    static String label(int epoch, int epochs, int batch, int batchesPerEpoch, long samples, long elapsedNanos) {
        return String.format(Locale.ROOT, "epoch %d/%d · batch %,d/%,d · %,.0f samples/s", epoch, epochs, batch,
                batchesPerEpoch, samples / Math.max(elapsedNanos / 1e9, 1e-9));
    }

    @Override
    public void close() {
        loss.close();
        if (metricChart != null) {
            metricChart.close();
        }
    }

    // This run's batches of this run's total: the bar's rate is the same as the label's.
    private ProgressSnapshot snapshot(String label, long batchesDone, ProgressSnapshot.State state) {
        return new ProgressSnapshot(label, batchesDone - batchesBefore, (long) epochs * batchesPerEpoch - batchesBefore,
                System.nanoTime() - start, state);
    }

    private void redraw(List<Object> after) {
        handle.update(stack(after));
        lastDrawn = System.nanoTime();
        redrawNanos = Math.min(SLOWEST_REDRAW_NANOS, redrawNanos * 2);
    }

    private Stacked stack(List<Object> after) {
        List<Object> parts = new ArrayList<>(List.of(bar));
        if (status != null) {
            parts.add(status);
        }
        if (plotted) {
            parts.add(loss);
            if (metricChart != null) {
                parts.add(metricChart);
            }
        }
        parts.addAll(after);
        return new Stacked(parts);
    }

    private static void point(LiveChart chart, String series, int epoch, Double value) {
        if (value != null && Double.isFinite(value)) {
            chart.add(series, epoch, value);
        }
    }
}
