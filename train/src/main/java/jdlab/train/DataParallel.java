package jdlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdlab.train.data.Examples;
import jdlab.train.distributed.Collective;
import jdlab.train.distributed.Collective.Reduce;

/**
 * One rank's part in data-parallel training over a {@link Collective}: every replica starts from
 * rank 0's weights, each step's gradients are summed over the ranks in one all-reduce, and each
 * epoch's figures are merged so that every rank records the same.
 *
 * <p>Each rank's backward pass divides by the rows of the global batch, not its own (the loop's
 * backward seed), so the sum over the ranks is the gradient of the global batch's mean loss, and a
 * last, short batch weighs each rank by its rows: 2 ranks of batch 32 take the steps 1 rank of
 * batch 64 takes. The gradients travel flattened in one array made once, read from and written
 * back to their native memory in place on a CPU, through arrays fetched once a run (see {@link Gradient}).
 */
final class DataParallel implements TrainingListener {

    private final Collective collective;
    private final List<NDArray> weights = new ArrayList<>(); // the trainable ones, in the block's order
    private final List<Gradient> gradientArrays = new ArrayList<>(); // the weights', in order, from the first step
    private float[] gradients; // all of them, flattened: one all-reduce a step

    DataParallel(Collective collective) {
        this.collective = collective;
    }

    int rank() {
        return collective.rank();
    }

    int worldSize() {
        return collective.worldSize();
    }

    /** Rank 0's seed, on every rank: the ranks must shuffle alike to share the data out. */
    long sharedSeed(long mine) {
        float[] parts = new float[4]; // 16 bits each: a float holds them exactly
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (mine >>> (16 * i)) & 0xFFFF;
        }
        float[] rootParts = collective.broadcast(parts, 0);
        long seed = 0;
        for (int i = 0; i < rootParts.length; i++) {
            seed |= ((long) rootParts[i]) << (16 * i);
        }
        return seed;
    }

    /** This rank's contiguous share of examples that every rank scores a part of. */
    Examples share(Examples examples) {
        int n = examples.size();
        int from = (int) ((long) n * rank() / worldSize());
        int to = (int) ((long) n * (rank() + 1) / worldSize());
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return examples.subset(indices);
    }

    /**
     * Means over all ranks' rows from each rank's means over its own, weighed by their rows; the
     * same doubles on every rank, as each sums the gathered parts in rank order.
     */
    double[] mean(double[] means, double[] rows) {
        float[] mine = new float[means.length * 4];
        for (int i = 0; i < means.length; i++) {
            split(rows[i] == 0 ? 0 : means[i] * rows[i], mine, 4 * i);
            split(rows[i], mine, 4 * i + 2);
        }
        double[] sums = new double[means.length];
        double[] totalRows = new double[means.length];
        for (float[] theirs : collective.allGather(mine)) {
            for (int i = 0; i < means.length; i++) {
                sums[i] += (double) theirs[4 * i] + theirs[4 * i + 1];
                totalRows[i] += (double) theirs[4 * i + 2] + theirs[4 * i + 3];
            }
        }
        double[] merged = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            merged[i] = sums[i] / totalRows[i];
        }
        return merged;
    }

    // A double as two floats, its high and low parts, which add up to it to about 48 bits.
    private static void split(double value, float[] into, int at) {
        float high = (float) value;
        into[at] = high;
        into[at + 1] = (float) (value - high);
    }

    /** Every replica starts from rank 0's weights; the gradients' buffer is made for the trainable ones. */
    @Override
    public void onTrainingBegin(TrainingState run) {
        List<NDArray> all = new ArrayList<>();
        for (Pair<String, Parameter> pair : run.block().getParameters()) {
            all.add(pair.getValue().getArray());
            if (pair.getValue().requiresGradient()) {
                weights.add(pair.getValue().getArray());
            }
        }
        float[] flat = new float[size(all)];
        int at = 0;
        for (NDArray array : all) {
            float[] values = array.toFloatArray();
            System.arraycopy(values, 0, flat, at, values.length);
            at += values.length;
        }
        float[] root = collective.broadcast(flat, 0);
        at = 0;
        for (NDArray array : all) {
            int size = Math.toIntExact(array.size());
            array.set(FloatBuffer.wrap(root, at, size));
            at += size;
        }
        gradients = new float[size(weights)];
    }

    /** Sums the ranks' gradients (each already over the global batch's rows) before the update. */
    @Override
    public void onTrainingBatch(TrainingState run) {
        if (gradientArrays.isEmpty()) {
            weights.forEach(weight -> gradientArrays.add(Gradient.of(weight)));
        }
        if (run.batchSize() == 0) {
            Arrays.fill(gradients, 0); // no rows here this step: add nothing to the others' sums
        } else {
            int at = 0;
            for (Gradient gradient : gradientArrays) {
                at += gradient.read(gradients, at);
            }
        }
        collective.allReduce(gradients, Reduce.SUM);
        int at = 0;
        for (Gradient gradient : gradientArrays) {
            at += gradient.write(gradients, at);
        }
    }

    /** Closes the gradient arrays it fetched (their handles; the gradients stay with the weights). */
    @Override
    public void onTrainingEnd(TrainingState run) {
        gradientArrays.forEach(gradient -> gradient.array().close());
        gradientArrays.clear();
    }

    /**
     * A weight's gradient array and, on a CPU, a view of its native memory, fetched at the first step
     * and used at every later one: PyTorch makes a weight's gradient at its first backward pass (before
     * it DJL answers a new array of zeros, which is why this waits for the first step), then zeroes it
     * and adds to it in place. {@code GradientBufferTest} checks that a view taken at the first step
     * reads and writes the gradient of the later ones.
     */
    private record Gradient(NDArray array, int size, FloatBuffer memory) {

        static Gradient of(NDArray weight) {
            NDArray array = weight.getGradient();
            boolean cpu = array.getDevice().equals(Device.cpu());
            return new Gradient(array, Math.toIntExact(array.size()), cpu ? array.toByteBuffer(true).asFloatBuffer() : null);
        }

        /** Copies the gradient into {@code into} from {@code at}; returns how many values. */
        int read(float[] into, int at) {
            FloatBuffer values = memory != null ? memory : array.toByteBuffer(true).asFloatBuffer(); // a copy off a GPU
            values.get(0, into, at, size);
            return size;
        }

        /** Sets the gradient from {@code from} at {@code at}; returns how many values. */
        int write(float[] from, int at) {
            if (memory != null) {
                memory.put(0, from, at, size);
            } else {
                array.set(FloatBuffer.wrap(from, at, size));
            }
            return size;
        }
    }

    private static int size(List<NDArray> arrays) {
        long total = 0;
        for (NDArray array : arrays) {
            total += array.size();
        }
        return Math.toIntExact(total);
    }
}
