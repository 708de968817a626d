package jdlab.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTest {

    private static final Message MESSAGE = new Message(List.of(), new JsonObject(), new JsonObject(), new JsonObject(),
            JsonParser.parseString("{\"code\":\"x\",\"silent\":true,\"cursor_pos\":7,\"bad_bool\":\"yes\","
                    + "\"bad_int\":\"7\",\"null_code\":null,\"obj\":{}}").getAsJsonObject(),
            List.of(), 0);

    static Stream<Arguments> stringFields() {
        return Stream.of(
                Arguments.of("code", "x"),
                Arguments.of("missing", "fallback"),
                Arguments.of("silent", "fallback"),
                Arguments.of("null_code", "fallback"),
                Arguments.of("obj", "fallback"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("stringFields")
    void readsAStringFieldOrFallsBack(String field, String expected) {
        assertEquals(expected, MESSAGE.string(field, "fallback"));
    }

    static Stream<Arguments> booleanFields() {
        return Stream.of(
                Arguments.of("silent", true),
                Arguments.of("missing", false),
                Arguments.of("bad_bool", false),
                Arguments.of("obj", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("booleanFields")
    void readsABooleanFieldOrFallsBack(String field, boolean expected) {
        assertEquals(expected, MESSAGE.bool(field, false));
    }

    static Stream<Arguments> integerFields() {
        return Stream.of(
                Arguments.of("cursor_pos", 7),
                Arguments.of("missing", -1),
                Arguments.of("bad_int", -1),
                Arguments.of("silent", -1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("integerFields")
    void readsAnIntegerFieldOrFallsBack(String field, int expected) {
        assertEquals(expected, MESSAGE.integer(field, -1));
    }
}
