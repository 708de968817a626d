package jdlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdlab.api.Display;
import jdlab.api.DisplayHandle;
import jdlab.api.LiveChart;
import jdlab.api.ProgressSnapshot;
import jdlab.api.Stacked;

/**
 * A training run's one output, redrawn in place: a progress bar (epoch, batch, samples per second,
 * time left) over a chart of the loss (per epoch, and smoothed per batch) and one of the metric;
 * at the end, a line saying how the run ended and the per-epoch table. Outside a kernel it shows nothing.
 */
final class LiveView implements AutoCloseable {

    private static final long REDRAW_NANOS = LiveChart.INTERVAL.toNanos();
    private static final int BATCH_POINTS_PER_EPOCH = 50;

    private final boolean shown;
    private final int epochs;
    private final int batchesPerEpoch;
    private final long start = System.nanoTime();
    private final LiveChart loss;
    private final LiveChart metricChart;
    private final String metric;
    private DisplayHandle handle;
    private ProgressSnapshot bar;
    private String status;
    private long lastDrawn;

    LiveView(int epochs, int batchesPerEpoch, String metric, boolean show) {
        this.shown = show && Display.connected();
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.loss = LiveChart.detached("loss", "epoch", "train", "validation", "train (batches, smoothed)");
        this.metric = metric;
        this.metricChart = metric != null ? LiveChart.detached(metric, "epoch", "train", "validation") : null;
        this.bar = new ProgressSnapshot("starting", 0, (long) epochs * batchesPerEpoch, 0, ProgressSnapshot.State.RUNNING);
        if (shown) {
            handle = Display.displayUpdatable(stack(List.of()));
            lastDrawn = System.nanoTime();
        }
    }

    /** After a batch: moves the bar, and now and then adds the smoothed loss to the chart. */
    void batch(int epoch, int batch, long batchesDone, double smoothedLoss, double samplesPerSecond) {
        if (!shown) {
            return;
        }
        int every = Math.max(1, batchesPerEpoch / BATCH_POINTS_PER_EPOCH);
        if (batch % every == 0 && Double.isFinite(smoothedLoss)) {
            loss.add("train (batches, smoothed)", epoch - 1 + (double) batch / batchesPerEpoch, smoothedLoss);
        }
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            bar = snapshot(String.format("epoch %d/%d · batch %,d/%,d · %,.0f samples/s", epoch, epochs, batch,
                    batchesPerEpoch, samplesPerSecond), batchesDone, ProgressSnapshot.State.RUNNING);
            redraw(List.of());
        }
    }

    /** After an epoch: its metrics join the charts. */
    void epoch(int epoch, Map<String, Double> metrics, long batchesDone) {
        if (!shown) {
            return;
        }
        point(loss, "train", epoch, metrics.get("train_loss"));
        point(loss, "validation", epoch, metrics.get("val_loss"));
        if (metricChart != null) {
            point(metricChart, "train", epoch, metrics.get("train_" + metric));
            point(metricChart, "validation", epoch, metrics.get("val_" + metric));
        }
        bar = snapshot(String.format("epoch %d/%d done", epoch, epochs), batchesDone, ProgressSnapshot.State.RUNNING);
        redraw(List.of());
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
    }

    @Override
    public void close() {
        loss.close();
        if (metricChart != null) {
            metricChart.close();
        }
    }

    private ProgressSnapshot snapshot(String label, long count, ProgressSnapshot.State state) {
        return new ProgressSnapshot(label, count, (long) epochs * batchesPerEpoch, System.nanoTime() - start, state);
    }

    private void redraw(List<Object> after) {
        handle.update(stack(after));
        lastDrawn = System.nanoTime();
    }

    private Stacked stack(List<Object> after) {
        List<Object> parts = new ArrayList<>(List.of(bar));
        if (status != null) {
            parts.add(status);
        }
        parts.add(loss);
        if (metricChart != null) {
            parts.add(metricChart);
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
