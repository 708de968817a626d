package jdlab.magics.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhosMagicTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(42, "42"),
                Arguments.of(null, "null"),
                Arguments.of("two\nlines", "two lines"),
                Arguments.of("x".repeat(100), "x".repeat(59) + "…"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void aValueIsShownOnOneShortLine(Object value, String shown) {
        assertEquals(shown, WhosMagic.shortView(value));
    }
}
