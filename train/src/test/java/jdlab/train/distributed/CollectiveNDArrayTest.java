package jdlab.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NDArray overloads, with DJL's PyTorch engine: each rank has its own manager, as a worker has. */
class CollectiveNDArrayTest {

    @Test
    void allReduceAndBroadcastChangeTheArraysInPlace() throws Exception {
        long socketsBefore = Ranks.openSockets();
        List<Collective> ring = Collective.loopback(2);
        try {
            List<Ranks.Outcome<float[][]>> results = Ranks.run(ring, c -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray gradient = manager.arange(12f).reshape(3, 4).mul(c.rank() + 1);
                    c.allReduce(gradient, Collective.Reduce.MEAN);
                    NDArray weights = manager.full(new Shape(2, 5), c.rank() == 1 ? 7f : -1f);
                    c.broadcast(weights, 1);
                    assertEquals(new Shape(3, 4), gradient.getShape());
                    return new float[][] {gradient.toFloatArray(), weights.toFloatArray()};
                }
            });
            float[] mean = new float[12];
            for (int i = 0; i < 12; i++) {
                mean[i] = i * 1.5f; // (i + 2i) / 2
            }
            float[] sevens = new float[10];
            Arrays.fill(sevens, 7f);
            for (Ranks.Outcome<float[][]> result : results) {
                assertArrayEquals(mean, result.get()[0]);
                assertArrayEquals(sevens, result.get()[1]);
            }
        } finally {
            ring.forEach(Collective::close);
        }
        assertEquals(List.of(), Ranks.rankThreads());
        assertEquals(socketsBefore, Ranks.openSockets());
    }

    @Test
    void anArrayOtherThanFloat32IsRefusedBeforeAnythingIsSent() throws Exception {
        List<Collective> ring = Collective.loopback(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray counts = manager.arange(4).toType(DataType.INT32, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ring.get(0).allReduce(counts, Collective.Reduce.SUM));
            assertEquals("collectives take float32 arrays, not int32", e.getMessage());
            List<Ranks.Outcome<float[]>> still = Ranks.run(ring, c -> {
                float[] one = {c.rank()};
                c.allReduce(one, Collective.Reduce.SUM);
                return one;
            });
            assertArrayEquals(new float[] {1f}, still.get(0).get(), "the ring still works");
        } finally {
            ring.forEach(Collective::close);
        }
    }
}
