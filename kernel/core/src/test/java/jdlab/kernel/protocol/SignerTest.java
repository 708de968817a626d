package jdlab.kernel.protocol;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignerTest {

    private static final String KEY = "3f5c1a9e-5d2b-4b7e-9c61-0d8e2f4a7b10";
    private static final byte[] HEADER = "{\"msg_id\":\"1\",\"msg_type\":\"execute_request\"}".getBytes(UTF_8);
    private static final byte[] PARENT = "{}".getBytes(UTF_8);
    private static final byte[] METADATA = "{}".getBytes(UTF_8);
    private static final byte[] CONTENT = "{\"code\":\"1 + 1\"}".getBytes(UTF_8);

    private final Signer signer = TestSigners.forKey(KEY);

    @Test
    void signsWithLowercaseHexHmacSha256OfTheFourFramesInOrder() {
        assertEquals(TestSigners.expectedSignature(KEY, HEADER, PARENT, METADATA, CONTENT),
                signer.sign(HEADER, PARENT, METADATA, CONTENT));
    }

    @Test
    void acceptsItsOwnSignature() {
        byte[] signature = signer.sign(HEADER, PARENT, METADATA, CONTENT).getBytes(US_ASCII);

        assertTrue(signer.verify(signature, HEADER, PARENT, METADATA, CONTENT));
    }

    @Test
    void rejectsASignatureOfOtherContent() {
        byte[] signature = signer.sign(HEADER, PARENT, METADATA, CONTENT).getBytes(US_ASCII);

        assertFalse(signer.verify(signature, HEADER, PARENT, METADATA, "{\"code\":\"rm()\"}".getBytes(UTF_8)));
    }

    @Test
    void rejectsASignatureMadeWithAnotherKey() {
        byte[] forged = TestSigners.forKey("other-key").sign(HEADER, PARENT, METADATA, CONTENT).getBytes(US_ASCII);

        assertFalse(signer.verify(forged, HEADER, PARENT, METADATA, CONTENT));
    }

    static Stream<Arguments> signaturesOfTheWrongLength() {
        String good = TestSigners.expectedSignature(KEY, HEADER, PARENT, METADATA, CONTENT);
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("one character short", good.substring(0, good.length() - 1)),
                Arguments.of("one character long", good + "0"),
                Arguments.of("twice as long", good + good),
                Arguments.of("a prefix of it", good.substring(0, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signaturesOfTheWrongLength")
    void rejectsASignatureOfTheWrongLengthWithoutThrowing(String description, String signature) {
        assertFalse(signer.verify(signature.getBytes(US_ASCII), HEADER, PARENT, METADATA, CONTENT));
    }

    @Test
    void signsWithAnEmptyStringWhenTheKeyIsEmpty() {
        assertEquals("", TestSigners.forKey("").sign(HEADER, PARENT, METADATA, CONTENT));
    }

    @Test
    void acceptsAnEmptySignatureWhenTheKeyIsEmpty() {
        assertTrue(TestSigners.forKey("").verify(new byte[0], HEADER, PARENT, METADATA, CONTENT));
    }
}
