package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdlab.api.ProgressSnapshot;
import org.junit.jupiter.api.Test;

class LiveViewTest {

    @Test
    void samplesPerSecondAreTheBarsStepsPerSecondTimesTheBatch() {
        // 12 batches of 64 in 1 s: the bar says 12.0 it/s, so the label must say 768 samples/s
        long second = 1_000_000_000L;
        ProgressSnapshot bar = new ProgressSnapshot("", 12, 96, second, ProgressSnapshot.State.RUNNING);
        assertEquals("12.0 it/s", bar.rateText());
        assertEquals("epoch 1/1 · batch 12/96 · 768 samples/s", LiveView.label(1, 1, 12, 96, 12 * 64, second));
    }
}
