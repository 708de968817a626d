package jdlab.train.data;

import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 8x8 handwritten digits of scikit-learn's {@code digits.csv.gz}: small enough to train a
 * network on in seconds, which makes it the quick stand-in for MNIST.
 *
 * <p>Each line holds 64 pixel counts 0..16, row by row, then the digit 0..9; there is no header.
 */
public final class Digits {

    private static final int SIDE = 8;
    private static final int PIXELS = SIDE * SIDE;
    private static final int MAX_PIXEL = 16;

    private Digits() {
    }

    /** Examples of shape (1, 8, 8) with pixels scaled to 0..1 and the classes "0" to "9". */
    public static Examples load(Path csv) throws IOException {
        List<float[]> images = new ArrayList<>();
        List<Integer> digits = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(DataFiles.open(csv), StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != PIXELS + 1) {
                    throw new IOException(csv + " line " + number + ": " + cells.length + " values, expected "
                            + PIXELS + " pixels and a digit");
                }
                float[] image = new float[PIXELS];
                for (int i = 0; i < PIXELS; i++) {
                    image[i] = whole(cells[i], 0, MAX_PIXEL, csv, number) / (float) MAX_PIXEL;
                }
                images.add(image);
                digits.add(whole(cells[PIXELS], 0, 9, csv, number));
            }
        }
        if (images.isEmpty()) {
            throw new IOException(csv + ": no digits in the file");
        }
        float[] x = new float[images.size() * PIXELS];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, x, i * PIXELS, PIXELS);
        }
        int[] y = digits.stream().mapToInt(Integer::intValue).toArray();
        return Examples.classification(x, new Shape(1, SIDE, SIDE), y, Mnist.DIGITS);
    }

    private static int whole(String cell, int min, int max, Path csv, int line) throws IOException {
        String text = cell.strip();
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range expected.
        }
        throw new IOException(csv + " line " + line + ": \"" + text + "\" is not a whole number from " + min + " to " + max);
    }
}
