package jdlab.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    /** Example i has features (i, -i) and class i % 3, so every value says where it came from. */
    private static Examples numbered(int n) {
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {i, -i};
            labels[i] = i % 3;
        }
        return Examples.of(rows, labels);
    }

    @Test
    void splitPartsAreDisjointAndCoverEveryExample() {
        List<Examples> parts = numbered(100).split(0.8, 42);

        assertEquals(80, parts.get(0).size());
        assertEquals(20, parts.get(1).size());
        Set<Float> seen = new HashSet<>();
        parts.forEach(part -> ids(part).forEach(seen::add));
        assertEquals(100, seen.size());
    }

    @Test
    void splitIsTheSameForTheSameSeed() {
        Examples examples = numbered(50);

        assertEquals(ids(examples.split(0.5, 7).get(0)), ids(examples.split(0.5, 7).get(0)));
        assertNotEquals(ids(examples.split(0.5, 7).get(0)), ids(examples.split(0.5, 8).get(0)));
    }

    @Test
    void splitFractionMustLieBetweenZeroAndOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numbered(10).split(1.0, 1));

        assertEquals("fraction must be between 0 and 1, not 1.0", e.getMessage());
    }

    @Test
    void subsetKeepsTheGivenOrderWithLabels() {
        Examples subset = numbered(10).subset(7, 2, 7);

        assertEquals(List.of(7f, 2f, 7f), ids(subset));
        assertEquals(List.of(1f, 2f, 1f), List.of(subset.label(0), subset.label(1), subset.label(2)));
        assertEquals(3, subset.classes());
    }

    @Test
    void takeStopsAtTheLastExample() {
        assertEquals(List.of(0f, 1f, 2f), ids(numbered(3).take(10)));
    }

    @Test
    void reshapeSeesTheSameValues() {
        Examples flat = numbered(4);

        Examples column = flat.reshape(new Shape(2, 1));

        assertEquals(new Shape(2, 1), column.exampleShape());
        assertEquals(ids(flat), ids(column));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flat.reshape(new Shape(3)));
        assertEquals("examples of shape (2) cannot be seen as (3)", e.getMessage());
    }

    @Test
    void integerArraysGiveClassesAndFloatArraysTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(12f).reshape(3, 2, 2);

            Examples classes = Examples.of(x, manager.create(new int[] {2, 0, 1}));
            Examples targets = Examples.of(x, manager.create(new float[] {0.5f, 1.5f, 2.5f}));

            assertEquals(new Shape(2, 2), classes.exampleShape());
            assertEquals(3, classes.classes());
            assertEquals(2f, classes.label(0));
            assertEquals(0, targets.classes());
            assertEquals(2.5f, targets.label(2));
            assertArrayEquals(x.get(1).toFloatArray(), classes.features(manager, 1).toFloatArray());
        }
    }

    @Test
    void arraysMustAgreeOnTheExampleCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.zeros(new Shape(3, 2));
            NDArray y = manager.zeros(new Shape(4));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Examples.of(x, y));

            assertEquals("x has 3 examples but y has 4", e.getMessage());
        }
    }

    @Test
    void getDataYieldsBatchesOfThirtyTwoInOrder() {
        Examples examples = numbered(70);
        List<Long> sizes = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : examples.getData(manager)) {
                try (batch) {
                    NDArray data = batch.getData().singletonOrThrow();
                    sizes.add(data.getShape().get(0));
                    assertEquals(2, data.getShape().get(1));
                    float first = data.getFloat(0, 0);
                    assertEquals(first % 3, batch.getLabels().singletonOrThrow().getFloat(0));
                }
            }
        }
        assertEquals(List.of(32L, 32L, 6L), sizes);
    }

    @Test
    void labelsNeedAClassName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.classification(new float[2], new Shape(1), new int[] {0, 2}, List.of("cat", "dog")));

        assertEquals("label 2 at example 1 has no name among the 2 class names", e.getMessage());
    }

    @Test
    void rowsMustHaveOneWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.of(new float[][] {{1, 2}, {3}}, new int[] {0, 1}));

        assertEquals("row 1 has 1 values, row 0 has 2", e.getMessage());
    }

    /** The first feature of each example, its number in {@link #numbered}. */
    private static List<Float> ids(Examples examples) {
        int width = Math.toIntExact(examples.exampleShape().size());
        int[] all = IntStream.range(0, examples.size()).toArray();
        FloatBuffer out = FloatBuffer.allocate(all.length * width);
        examples.copyFeatures(all, 0, all.length, out);
        List<Float> ids = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            ids.add(out.get(i * width));
        }
        return ids;
    }
}
