package jdlab.magics.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (my) x) S 1 4242 4242 0 -1 4194560 9 0 0 0 250 37 0 0 20 0 30 0 100";
        assertEquals(new CpuTimes(2_500_000_000L, 370_000_000L), CpuTimes.parse(stat));
    }

    @Test
    void theTimeSinceAnEarlierReadingIsTheDifference() {
        assertEquals(new CpuTimes(3, 4), new CpuTimes(10, 14).since(new CpuTimes(7, 10)));
    }
}
