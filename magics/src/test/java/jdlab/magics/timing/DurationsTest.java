package jdlab.magics.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(0.0, "0 ns"),
                Arguments.of(3e-10, "0.3 ns"),
                Arguments.of(12.3456e-9, "12.3 ns"),
                Arguments.of(999.6e-9, "1 µs"),
                Arguments.of(45.6e-6, "45.6 µs"),
                Arguments.of(210e-6, "210 µs"),
                Arguments.of(0.0021, "2.1 ms"),
                Arguments.of(0.00206, "2.06 ms"),
                Arguments.of(0.123456, "123 ms"),
                Arguments.of(1.0, "1 s"),
                Arguments.of(30.04, "30 s"),
                Arguments.of(59.99, "60 s"),
                Arguments.of(65.4, "1min 5s"),
                Arguments.of(3600.0, "1h"),
                Arguments.of(90061.0, "1d 1h 1min 1s"));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void writesThreeSignificantDigitsInTheUnitIPythonPicks(double seconds, String text) {
        assertEquals(text, Durations.format(seconds));
    }
}
