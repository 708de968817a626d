package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WatchTest {

    private static final double[] BOUNDS = {0.001, 0.002, 0.004};

    @Test
    void aQuantileIsInterpolatedWithinItsBucketAsHistogramQuantileDoes() {
        // 10 observations under 1 ms, 10 between 1 and 2 ms: the median is the top of the first bucket,
        // p75 halfway through the second.
        long[] counts = {10, 10, 0, 0};
        assertEquals(0.001, Watch.quantile(0.5, BOUNDS, counts), 1e-12);
        assertEquals(0.0015, Watch.quantile(0.75, BOUNDS, counts), 1e-12);
        assertEquals(0.0005, Watch.quantile(0.25, BOUNDS, counts), 1e-12);
    }

    @Test
    void aQuantileAboveEveryBoundIsTheHighestBoundAndNoObservationsGiveNaN() {
        assertEquals(0.004, Watch.quantile(0.99, BOUNDS, new long[] {1, 0, 0, 5}), 1e-12);
        assertTrue(Double.isNaN(Watch.quantile(0.5, BOUNDS, new long[] {0, 0, 0, 0})));
    }
}
