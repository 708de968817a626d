package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavadocTextTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Returns the greater of two {@code int} values.", "Returns the greater of two int values."),
                Arguments.of("See {@link String#substring(int)}.", "See String.substring(int)."),
                Arguments.of("See {@link #max(int, int) the max}.", "See the max."),
                Arguments.of("Wrapped\n line one\n and two.", "Wrapped line one and two."),
                Arguments.of("First.\n<p>\nSecond.", "First.\n\nSecond."),
                Arguments.of("a &lt; b &amp;&amp; <b>c</b>", "a < b && c"),
                Arguments.of("Text.\n @param a the a\n @return the result", "Text.\n@param a the a\n@return the result"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void javadocReadsAsPlainText(String javadoc, String expected) {
        assertEquals(expected, JavadocText.plain(javadoc));
    }
}
