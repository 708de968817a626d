package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturedOutputTest {

    @Test
    void isAMapOfStdoutAndStderrShownAsTheText() {
        CapturedOutput captured = new CapturedOutput("out\n", "err\n");
        assertEquals(Map.of("stdout", "out\n", "stderr", "err\n"), Map.copyOf(captured));
        assertEquals("out\n", captured.get("stdout"));
        assertEquals("out\nerr\n", captured.toString());
    }
}
