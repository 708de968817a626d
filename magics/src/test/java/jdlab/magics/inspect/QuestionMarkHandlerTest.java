package jdlab.magics.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionMarkHandlerTest {

    @ParameterizedTest
    @CsvSource({
        "Math.max?, true",
        "Math.max??, true",
        "'  java.util.List? ', true",
        "x?, true",
        "a ? b : c, false",
        "'Math.max(1, 2)?', false",
        "Math.max, false",
        "? , false"})
    void acceptsOneNameFollowedByOneOrTwoQuestionMarks(String cell, boolean accepted) {
        assertEquals(accepted, new QuestionMarkHandler().accepts(cell));
    }
}
