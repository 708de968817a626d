package jdlab.magics.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutorangeTest {

    static Stream<Arguments> costs() {
        return Stream.of(
                Arguments.of(1_000_000_000L, 1),
                Arguments.of(150_000_000L, 2),
                Arguments.of(50_000_000L, 5),
                Arguments.of(30_000_000L, 10),
                Arguments.of(1_000L, 200_000),
                Arguments.of(3L, 100_000_000),
                Arguments.of(0L, 1_000_000_000));
    }

    @ParameterizedTest
    @MethodSource("costs")
    void picksTheFirstOfOneTwoFiveTimesAPowerOfTenThatTakesAFifthOfASecond(long nanosPerLoop, int loops) {
        assertEquals(loops, Autorange.loops(n -> n * nanosPerLoop));
    }

    @Test
    void triesTheLoopCountsInIPythonsOrder() {
        List<Long> tried = new ArrayList<>();
        Autorange.loops(n -> {
            tried.add(n);
            return n * 2_000_000;
        });
        assertEquals(List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L), tried);
    }

    @Test
    void warmUpDoublesTheBatchUntilTheBudgetIsSpent() {
        List<Long> tried = new ArrayList<>();
        LongUnaryOperator timer = n -> {
            tried.add(n);
            return n * 10;
        };
        assertEquals(4, Autorange.warmUp(timer, 100));
        assertEquals(List.of(1L, 2L, 4L, 8L), tried);
    }
}
