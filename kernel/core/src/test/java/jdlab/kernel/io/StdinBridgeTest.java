package jdlab.kernel.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Scanner;
import org.junit.jupiter.api.Test;

class StdinBridgeTest {

    /** Answers with the given lines, then with null (the end of input). */
    private static final class Lines implements StdinBridge.LineSource {
        private final Deque<String> lines;
        private int asked;

        Lines(String... lines) {
            this.lines = new ArrayDeque<>(Arrays.asList(lines));
        }

        @Override
        public String readLine(String prompt) {
            asked++;
            return lines.poll();
        }
    }

    private final StdinBridge stdin = new StdinBridge();

    @Test
    void aScannerReadsTheLinesTheClientSends() {
        stdin.attach(new Lines("42", "hello world"));
        Scanner scanner = new Scanner(stdin, UTF_8);

        assertEquals(42, scanner.nextInt());
        scanner.nextLine();
        assertEquals("hello world", scanner.nextLine());
        assertFalse(scanner.hasNextLine());
    }

    @Test
    void readsEachLineAsUtf8BytesFollowedByANewline() {
        stdin.attach(new Lines("hé"));

        List<Integer> bytes = new ArrayList<>();
        for (int b = stdin.read(); b != -1; b = stdin.read()) {
            bytes.add(b);
        }

        assertEquals(List.of((int) 'h', 0xC3, 0xA9, (int) '\n'), bytes);
    }

    @Test
    void asksForTheNextLineOnlyWhenTheLastOneIsUsedUp() {
        Lines lines = new Lines("abc", "def");
        stdin.attach(lines);
        byte[] buffer = new byte[2];

        assertEquals(2, stdin.read(buffer, 0, 2));
        assertEquals(2, stdin.read(buffer, 0, 2));
        assertEquals("c\n", new String(buffer, UTF_8));
        assertEquals(1, lines.asked);
    }

    @Test
    void endsTheStreamWhenTheClientHasNoMoreInput() {
        stdin.attach(new Lines());

        assertEquals(-1, stdin.read());
        assertEquals(-1, stdin.read(new byte[4], 0, 4));
    }

    @Test
    void readingWithoutAClientThatTakesInputFailsSayingWhy() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, stdin::read);

        assertTrue(e.getMessage().contains("does not accept input"), e.getMessage());
        assertTrue(e.getMessage().contains("allow_stdin"), e.getMessage());
    }

    @Test
    void detachingTheClientMakesReadsFailAgain() {
        stdin.attach(new Lines("x"));
        stdin.attach(null);

        assertThrows(UnsupportedOperationException.class, () -> stdin.read(new byte[4], 0, 4));
    }
}
