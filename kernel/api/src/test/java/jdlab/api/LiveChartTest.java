package jdlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveChartTest {

    /** A display that records each drawing's points per series, and a clock the test moves. */
    private static final class Screen implements DisplayHandle {
        final List<String> drawings = new ArrayList<>();
        long now;

        @Override
        public String id() {
            return "chart";
        }

        @Override
        public void update(Object value) {
            drawings.add(value.toString());
        }

        LiveChart chart(String... series) {
            return new LiveChart("loss", "epoch", List.of(series), Duration.ofMillis(250), () -> now, value -> {
                drawings.add(value.toString());
                return this;
            });
        }

        void advanceMillis(long millis) {
            now += millis * 1_000_000;
        }
    }

    @Test
    void pointsSoonerThanTheIntervalWaitForTheNextRedraw() {
        Screen screen = new Screen();
        LiveChart chart = screen.chart("train");
        for (int epoch = 1; epoch <= 10; epoch++) {
            screen.advanceMillis(100);
            chart.add("train", epoch, 1.0 / epoch);
        }
        // shown empty, then at 300, 600 and 900 ms: points 3, 6 and 9
        assertEquals(List.of("LiveChart loss: train (0 points)", "LiveChart loss: train (3 points)",
                "LiveChart loss: train (6 points)", "LiveChart loss: train (9 points)"), screen.drawings);
    }

    @Test
    void closeShowsTheLastStateOnce() {
        Screen screen = new Screen();
        LiveChart chart = screen.chart("train", "validation");
        screen.advanceMillis(300);
        chart.add("train", 1, 0.9);
        chart.add("validation", 1, 1.1);
        chart.close();
        chart.close();
        assertEquals(List.of("LiveChart loss: train (0 points), validation (0 points)",
                "LiveChart loss: train (1 points), validation (0 points)",
                "LiveChart loss: train (1 points), validation (1 points)"), screen.drawings);
    }

    @Test
    void aSeriesPastItsMostPointsDropsEveryOtherPointButItsFirstAndLast() {
        LiveChart chart = new Screen().chart("train").maxPoints(4);
        for (int x = 0; x < 5; x++) {
            chart.add("train", x, x);
        }
        List<?> data = (List<?>) chart.figure().get("data");
        assertEquals(List.of(0.0, 2.0, 4.0), ((Map<?, ?>) data.get(0)).get("x"));
        for (int x = 5; x < 100; x++) {
            chart.add("train", x, x);
        }
        List<?> xs = (List<?>) ((Map<?, ?>) ((List<?>) chart.figure().get("data")).get(0)).get("x");
        assertTrue(xs.size() <= 4, xs.toString());
        assertEquals(0.0, xs.get(0));
        assertEquals(99.0, xs.get(xs.size() - 1));
    }

    @Test
    void anXRangeIsInTheLayout() {
        LiveChart chart = new Screen().chart("train").xRange(0, 5);
        assertEquals(Map.of("title", Map.of("text", "epoch"), "range", List.of(0.0, 5.0)),
                ((Map<?, ?>) chart.figure().get("layout")).get("xaxis"));
    }

    @Test
    void flushDrawsOnlyWhenPointsArePending() {
        Screen screen = new Screen();
        LiveChart chart = screen.chart("train");
        chart.flush();
        chart.add("train", 1, 0.5);
        chart.flush();
        chart.flush();
        assertEquals(2, screen.drawings.size());
    }

    @Test
    void theFigureHasOneLinePerSeriesAndObjectTitles() {
        LiveChart chart = new Screen().chart("train", "validation");
        chart.add("validation", 2, 0.5);
        Map<String, Object> figure = chart.figure();
        List<?> data = (List<?>) figure.get("data");
        assertEquals(Map.of("type", "scatter", "mode", "lines+markers", "name", "validation",
                "x", List.of(2.0), "y", List.of(0.5)), data.get(1));
        assertEquals(Map.of("title", Map.of("text", "loss"), "xaxis", Map.of("title", Map.of("text", "epoch"))),
                figure.get("layout"));
    }

    @Test
    void anUnknownSeriesIsNamedWithTheKnownOnes() {
        LiveChart chart = new Screen().chart("train", "validation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chart.add("tran", 1, 1));
        assertEquals("liveChart \"loss\" has no series \"tran\"; its series are [train, validation]", e.getMessage());
    }

    @Test
    void aChartNeedsSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Screen().chart());
        assertTrue(e.getMessage().contains("liveChart(\"loss\", \"epoch\", \"train\", \"validation\")"));
    }

    @Test
    void addingToAClosedChartFails() {
        LiveChart chart = new Screen().chart("train");
        chart.close();
        assertThrows(IllegalStateException.class, () -> chart.add("train", 1, 1));
    }
}
