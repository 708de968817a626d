package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import jdlab.api.UsageException;
import jdlab.magics.basic.EnvMagic.Assign;
import jdlab.magics.basic.EnvMagic.ListAll;
import jdlab.magics.basic.EnvMagic.Show;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvMagicTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(List.of(), new ListAll()),
                Arguments.of(List.of("HOME"), new Show("HOME")),
                Arguments.of(List.of("A=1"), new Assign("A", "1")),
                Arguments.of(List.of("A="), new Assign("A", "")),
                Arguments.of(List.of("A=x=y"), new Assign("A", "x=y")),
                Arguments.of(List.of("A=hello", "world"), new Assign("A", "hello world")),
                Arguments.of(List.of("A", "1"), new Assign("A", "1")),
                Arguments.of(List.of("A", "two", "words"), new Assign("A", "two words")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void readsListShowAndBothFormsOfAssignment(List<String> words, EnvMagic.Request expected) {
        assertEquals(expected, EnvMagic.parse(words));
    }

    @ParameterizedTest
    @MethodSource("nameless")
    void refusesAnAssignmentWithoutAName(List<String> words) {
        UsageException e = assertThrows(UsageException.class, () -> EnvMagic.parse(words));
        assertEquals("%env: a variable needs a name, as in %env NAME=VALUE (%env --help for usage)", e.getMessage());
    }

    static Stream<List<String>> nameless() {
        return Stream.of(List.of("=1"), List.of("=", "x"));
    }
}
