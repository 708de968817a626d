package jdlab.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collectives among ranks as threads, over real sockets on 127.0.0.1. */
class CollectiveTest {

    private long socketsBefore;

    @BeforeEach
    void countSockets() throws Exception {
        socketsBefore = Ranks.openSockets();
    }

    @AfterEach
    void nothingLeftOpen() throws Exception {
        assertEquals(List.of(), Ranks.rankThreads(), "rank threads still alive");
        assertEquals(socketsBefore, Ranks.openSockets(), "sockets or selectors left open");
    }

    @Test
    void allReduceSumsExactly() throws Exception {
        for (int size : new int[] {2, 3, 4}) {
            List<Collective> ring = Ranks.connect(size);
            try {
                for (int length : new int[] {0, 1, 2, 3, 5, 1000, 100_003}) {
                    float[] expected = new float[length];
                    for (int rank = 0; rank < size; rank++) {
                        float[] values = exact(rank, length);
                        for (int i = 0; i < length; i++) {
                            expected[i] += values[i];
                        }
                    }
                    List<Ranks.Outcome<float[]>> results = Ranks.run(ring, c -> {
                        float[] data = exact(c.rank(), length);
                        c.allReduce(data, Collective.Reduce.SUM);
                        return data;
                    });
                    for (Ranks.Outcome<float[]> result : results) {
                        assertArrayEquals(expected, result.get(), "sum of " + length + " over " + size);
                    }
                }
            } finally {
                ring.forEach(Collective::close);
            }
        }
    }

    /** Multiples of 1/4 small enough that every sum is exact, whatever the order. */
    private static float[] exact(int rank, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = ((rank * 31 + i * 7) % 64 - 20) * 0.25f;
        }
        return values;
    }
}
