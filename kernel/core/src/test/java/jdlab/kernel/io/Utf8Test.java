package jdlab.kernel.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8Test {

    /** ASCII, then characters of 2, 3 and 4 bytes, alone, after ASCII, and after each other. */
    private static final List<String> TEXTS = List.of("abc", "é", "a€", "😀", "x😀", "é€😀", "€a", "😀😀");

    /**
     * Every cut of every text's bytes, and what a cut may keep: the bytes up to the last character
     * boundary at or before it, found by encoding the text one code point at a time.
     */
    static Stream<Arguments> everyCut() {
        List<Arguments> cases = new ArrayList<>();
        for (String text : TEXTS) {
            byte[] bytes = text.getBytes(UTF_8);
            List<Integer> boundaries = new ArrayList<>(List.of(0));
            text.codePoints().forEach(cp -> boundaries.add(
                    boundaries.get(boundaries.size() - 1) + new String(Character.toChars(cp)).getBytes(UTF_8).length));
            for (int cut = 0; cut <= bytes.length; cut++) {
                int keep = 0;
                for (int b : boundaries) {
                    if (b <= cut) {
                        keep = b;
                    }
                }
                cases.add(Arguments.of(text, cut, keep));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "\"{0}\" cut after {1} bytes keeps {2}")
    @MethodSource("everyCut")
    void keepsOnlyWholeCharacters(String text, int cut, int keep) {
        assertEquals(keep, Utf8.completePrefix(text.getBytes(UTF_8), cut));
    }

    static Stream<Arguments> invalidBytes() {
        return Stream.of(
                Arguments.of("four stray continuation bytes", new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, 4),
                Arguments.of("three stray continuation bytes", new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}, 3),
                Arguments.of("a 2-byte lead followed by too many continuations",
                        new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xA9}, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBytes")
    void passesInvalidBytesThroughRatherThanHoldingThemBack(String description, byte[] bytes, int keep) {
        assertEquals(keep, Utf8.completePrefix(bytes, bytes.length));
    }
}
