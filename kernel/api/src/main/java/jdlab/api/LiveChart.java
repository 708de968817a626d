package jdlab.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A line chart that grows as points arrive and is redrawn in place, one output updated rather than
 * copies stacked: {@code var chart = liveChart("loss", "epoch", "train", "validation");
 * chart.add("train", 1, 0.9); ... chart.close();}.
 *
 * <p>Redraws are throttled to one per {@link #INTERVAL}: a point that comes sooner waits for the
 * next redraw, and {@link #flush()} or {@link #close()} shows the last state at the end. The
 * chart is a Plotly figure ({@link #figure()}), drawn by the kernel's Plotly renderer.
 */
public final class LiveChart implements AutoCloseable {

    /** The shortest time between two redraws: four a second keep up with the eye, not with a loop. */
    public static final Duration INTERVAL = Duration.ofMillis(250);

    private final String title;
    private final String xTitle;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final DisplayHandle handle;
    private double[] xRange;
    private int maxPoints = Integer.MAX_VALUE;
    private long lastShown;
    private boolean pending;
    private boolean closed;

    /**
     * Shows an empty chart through {@code display}, which returns the handle later redraws update.
     *
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}); tests pass their own
     */
    LiveChart(String title, String xTitle, List<String> seriesNames, Duration interval, LongSupplier nanoClock,
              Function<Object, DisplayHandle> display) {
        if (title == null || xTitle == null) {
            throw new IllegalArgumentException("liveChart needs a title and an x-axis title: liveChart(\"loss\", \"epoch\", \"train\")");
        }
        if (seriesNames.isEmpty()) {
            throw new IllegalArgumentException("liveChart needs the names of its series: liveChart(\"loss\", \"epoch\", \"train\", \"validation\")");
        }
        for (String name : seriesNames) {
            if (name == null || series.put(name, new ArrayList<>()) != null) {
                throw new IllegalArgumentException("liveChart series names must be distinct and not null: " + seriesNames);
            }
        }
        this.title = title;
        this.xTitle = xTitle;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastShown = nanoClock.getAsLong();
        this.handle = display.apply(this);
    }

    /**
     * A chart not shown on its own but drawn as part of another output (a {@link Stacked}): its
     * owner redraws that output and closes the chart when it is final.
     */
    public static LiveChart detached(String title, String xTitle, String... series) {
        return new LiveChart(title, xTitle, List.of(series), INTERVAL, System::nanoTime, chart -> DETACHED);
    }

    private static final DisplayHandle DETACHED = new DisplayHandle() {
        @Override
        public String id() {
            return "";
        }

        @Override
        public void update(Object value) {
            // Drawn by the output that holds it.
        }
    };

    /**
     * Fixes the x axis from {@code from} to {@code to}, so that charts drawn one above the other line
     * up, and a chart does not rescale as points arrive.
     */
    public synchronized LiveChart xRange(double from, double to) {
        if (!(from < to)) {
            throw new IllegalArgumentException("liveChart x range: from must be below to, not " + from + " to " + to);
        }
        this.xRange = new double[] {from, to};
        return this;
    }

    /**
     * Keeps at most {@code points} points per series (2 or more): a series that grows past it drops
     * every other point but its last, so a long run keeps its shape at half the detail, and each
     * redraw sends a bounded figure however long the run.
     */
    public synchronized LiveChart maxPoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("liveChart maxPoints must be 2 or more, not " + points);
        }
        this.maxPoints = points;
        series.values().forEach(this::thin);
        return this;
    }

    /**
     * Adds the point (x, y) to a series; the chart is redrawn now if the last redraw is at least
     * {@link #INTERVAL} old, otherwise at the next one.
     */
    public synchronized LiveChart add(String seriesName, double x, double y) {
        if (closed) {
            throw new IllegalStateException("liveChart \"" + title + "\" is closed; make a new one with liveChart(...)");
        }
        List<double[]> points = series.get(seriesName);
        if (points == null) {
            throw new IllegalArgumentException("liveChart \"" + title + "\" has no series \"" + seriesName
                    + "\"; its series are " + series.keySet());
        }
        points.add(new double[] {x, y});
        thin(points);
        pending = true;
        if (nanoClock.getAsLong() - lastShown >= intervalNanos) {
            redraw();
        }
        return this;
    }

    /** Redraws the chart now if points arrived since the last redraw. */
    public synchronized void flush() {
        if (pending) {
            redraw();
        }
    }

    /**
     * Shows the final state and ends the chart; later {@link #add} calls fail. The final drawing is
     * the one a saved notebook keeps.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            redraw();
        }
    }

    /** Whether {@link #close()} was called: its drawing is the last. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The display id of the chart's output. */
    public String id() {
        return handle.id();
    }

    /**
     * The chart as a Plotly figure: {@code {data: [one line per series], layout: {title, xaxis}}},
     * a copy that later points do not change.
     */
    public synchronized Map<String, Object> figure() {
        List<Object> data = new ArrayList<>();
        series.forEach((name, points) -> {
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("type", "scatter");
            trace.put("mode", "lines+markers");
            trace.put("name", name);
            trace.put("x", points.stream().map(p -> p[0]).toList());
            trace.put("y", points.stream().map(p -> p[1]).toList());
            data.add(trace);
        });
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", title));
        Map<String, Object> xaxis = new LinkedHashMap<>();
        xaxis.put("title", Map.of("text", xTitle));
        if (xRange != null) {
            xaxis.put("range", List.of(xRange[0], xRange[1]));
        }
        layout.put("xaxis", xaxis);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", data);
        figure.put("layout", layout);
        return figure;
    }

    @Override
    public synchronized String toString() {
        return "LiveChart " + title + ": " + series.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().size() + " points)")
                .collect(Collectors.joining(", "));
    }

    // Keeps the first point, every other one after it, and the last.
    private void thin(List<double[]> points) {
        if (points.size() <= maxPoints) {
            return;
        }
        double[] newest = points.get(points.size() - 1);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i += 2) {
            kept.add(points.get(i));
        }
        kept.add(newest);
        points.clear();
        points.addAll(kept);
    }

    private void redraw() {
        pending = false;
        lastShown = nanoClock.getAsLong();
        handle.update(this);
    }
}
