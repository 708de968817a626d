package jdlab.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTest {

    private static final Path DIGITS = Path.of("..", "notebooks", "data", "digits", "digits.csv.gz");

    @TempDir
    Path tmp;

    @Test
    void readsAllEightByEightDigits() throws IOException {
        Examples digits = Digits.load(DIGITS);

        assertEquals(1797, digits.size());
        assertEquals(new Shape(1, 8, 8), digits.exampleShape());
        assertEquals(Mnist.DIGITS, digits.classNames());
        assertEquals(0, digits.label(0));
        assertEquals(1, digits.label(1));
    }

    @Test
    void pixelCountsAreDividedBySixteen() throws IOException {
        Examples digits = Digits.load(DIGITS);
        FloatBuffer first = FloatBuffer.allocate(64);

        digits.copyFeatures(new int[] {0}, 0, 1, first);

        // The file's first row starts 0,0,5,13,9.
        assertEquals(5 / 16f, first.get(2));
        assertEquals(13 / 16f, first.get(3));
    }

    @Test
    void plainCsvReadsToo() throws IOException {
        String row = String.join(",", Collections.nCopies(64, "16")) + ",7\n";
        Path csv = Files.writeString(tmp.resolve("digits.csv"), row);

        Examples digits = Digits.load(csv);

        assertEquals(1, digits.size());
        assertEquals(7, digits.label(0));
    }

    @Test
    void valueOutOfRangeNamesTheLine() throws IOException {
        String good = String.join(",", Collections.nCopies(64, "0")) + ",7\n";
        String bad = "0,0,0,0,0,17" + good.substring("0,0,0,0,0,0".length());
        Path csv = Files.writeString(tmp.resolve("digits.csv"), good + bad);

        IOException e = assertThrows(IOException.class, () -> Digits.load(csv));

        assertEquals(csv + " line 2: \"17\" is not a whole number from 0 to 16", e.getMessage());
    }

    @Test
    void shortRowNamesTheLine() throws IOException {
        Path csv = Files.writeString(tmp.resolve("digits.csv"), "1,2,3\n");

        IOException e = assertThrows(IOException.class, () -> Digits.load(csv));

        assertEquals(csv + " line 1: 3 values, expected 64 pixels and a digit", e.getMessage());
    }
}
