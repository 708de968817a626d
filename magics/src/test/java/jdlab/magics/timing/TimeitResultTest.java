package jdlab.magics.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeitResultTest {

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of(new TimeitResult(100, List.of(1e-3, 2e-3, 3e-3)),
                        "2 ms ± 816 µs per loop (mean ± std. dev. of 3 runs, 100 loops each)"),
                Arguments.of(new TimeitResult(1, List.of(1.5)),
                        "1.5 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)"),
                Arguments.of(new TimeitResult(10_000_000, List.of(5e-9, 5e-9)),
                        "5 ns ± 0 ns per loop (mean ± std. dev. of 2 runs, 10,000,000 loops each)"));
    }

    @ParameterizedTest
    @MethodSource("results")
    void readsAsIPythonsLine(TimeitResult result, String text) {
        assertEquals(text, result.toString());
    }

    @Test
    void keepsTheRawTimingsAndTheirStatistics() {
        TimeitResult result = new TimeitResult(100, List.of(1e-3, 2e-3, 3e-3));
        assertEquals(3, result.runs());
        assertEquals(List.of(1e-3, 2e-3, 3e-3), result.timings());
        assertEquals(2e-3, result.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3) * 1e-3, result.stdev(), 1e-12);
        assertEquals(1e-3, result.best(), 0);
    }
}
