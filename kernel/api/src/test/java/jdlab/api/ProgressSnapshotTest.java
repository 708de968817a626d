package jdlab.api;

import static jdlab.api.ProgressSnapshot.State.DONE;
import static jdlab.api.ProgressSnapshot.State.INTERRUPTED;
import static jdlab.api.ProgressSnapshot.State.RUNNING;
import static jdlab.api.ProgressSnapshot.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressSnapshotTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRunningBarShowsPercentBarCountTimesAndRate() {
        ProgressSnapshot bar = new ProgressSnapshot("rows", 450, 1000, (long) (2.5 * SECOND), RUNNING);
        assertEquals("rows   45% |█████████           | 450/1000 [00:02<00:03, 180.0 it/s]", bar.toString());
    }

    @Test
    void theBarMovesByEighthsOfACharacter() {
        ProgressSnapshot bar = new ProgressSnapshot("", 60, 1000, SECOND, RUNNING);
        assertEquals("   6% |█▏                  | 60/1000 [00:01<00:15, 60.0 it/s]", bar.toString());
    }

    @Test
    void aClosedBarShowsNoTimeLeft() {
        ProgressSnapshot bar = new ProgressSnapshot("rows", 1000, 1000, 4 * SECOND, DONE);
        assertEquals("rows  100% |████████████████████| 1000/1000 [00:04, 250.0 it/s]", bar.toString());
    }

    @Test
    void anUnknownTotalShowsCountTimeAndRateWithoutABar() {
        ProgressSnapshot bar = new ProgressSnapshot("lines", 450, UNKNOWN, 2 * SECOND, RUNNING);
        assertEquals("lines 450 it [00:02, 225.0 it/s]", bar.toString());
        assertEquals(0, bar.fraction());
        assertEquals("?", bar.etaText());
    }

    @Test
    void zeroElapsedTimeHasNoRateAndNoTimeLeftYet() {
        ProgressSnapshot bar = new ProgressSnapshot("rows", 0, 1000, 0, RUNNING);
        assertTrue(Double.isNaN(bar.rate()));
        assertEquals("rows    0% |                    | 0/1000 [00:00<?, ? it/s]", bar.toString());
    }

    @Test
    void stepsDoneInNoMeasurableTimeHaveNoRate() {
        assertEquals("? it/s", new ProgressSnapshot("", 10, 1000, 0, RUNNING).rateText());
    }

    @Test
    void anInterruptedBarSaysSoAndShowsNoTimeLeft() {
        ProgressSnapshot bar = new ProgressSnapshot("rows", 300, 1000, 3 * SECOND, INTERRUPTED);
        assertEquals("rows   30% |██████              | 300/1000 [00:03, 100.0 it/s] interrupted", bar.toString());
    }

    @Test
    void almostDoneIsNotRoundedUpToAHundredPercent() {
        assertEquals(99, new ProgressSnapshot("", 999, 1000, SECOND, RUNNING).percent());
    }

    @Test
    void aCountPastTheTotalFillsTheBarOnce() {
        ProgressSnapshot bar = new ProgressSnapshot("", 1200, 1000, SECOND, RUNNING);
        assertEquals(1.0, bar.fraction());
        assertEquals(100, bar.percent());
        assertEquals(0, bar.etaNanos());
    }

    @Test
    void anEmptyTotalIsDoneAtOnce() {
        assertEquals(100, new ProgressSnapshot("", 0, 0, 0, RUNNING).percent());
    }

    @ParameterizedTest(name = "{0} steps in {1} s: {2}")
    @CsvSource({
            "1,     4,     4.00 s/it",
            "2,     5,     2.50 s/it",
            "1802,  10,    180.2 it/s",
            "9999,  1,     9999.0 it/s",
            "12500, 1,     12.5k it/s",
            "2412345, 1,   2.41M it/s",
    })
    void ratesReadNaturallyAtEveryScale(long count, long seconds, String expected) {
        assertEquals(expected, new ProgressSnapshot("", count, UNKNOWN, seconds * SECOND, RUNNING).rateText());
    }

    @ParameterizedTest(name = "{0} s: {1}")
    @CsvSource({
            "0,     00:00",
            "59,    00:59",
            "61,    01:01",
            "3599,  59:59",
            "3723,  1:02:03",
            "90000, 25:00:00",
    })
    void timesReadAsClocks(long seconds, String expected) {
        assertEquals(expected, new ProgressSnapshot("", 0, UNKNOWN, seconds * SECOND, RUNNING).elapsedText());
    }

    @Test
    void theTimeLeftFollowsTheRateSoFar() {
        ProgressSnapshot bar = new ProgressSnapshot("", 100, 400, 10 * SECOND, RUNNING);
        assertEquals(30 * SECOND, bar.etaNanos());
        assertEquals("00:30", bar.etaText());
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ProgressSnapshot("", -1, 10, 0, RUNNING));
        assertThrows(IllegalArgumentException.class, () -> new ProgressSnapshot("", 1, -5, 0, RUNNING));
    }
}
