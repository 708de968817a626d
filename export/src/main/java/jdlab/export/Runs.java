package jdlab.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One batch run through DJL and through ONNX Runtime: the outputs, and the median time per batch.
 * ONNX Runtime's classes (and its native library) load on the first export, not with the kernel.
 */
final class Runs {

    private static final int TIMED = 5;

    /** Outputs of one batch, flattened, and how long the batch took. */
    record Output(float[] values, double millis) {
    }

    private Runs() {
    }

    static Output djl(Block block, NDManager manager, float[] inputs, Shape batchShape) {
        ParameterStore parameters = new ParameterStore(manager, false);
        float[][] result = new float[1][];
        double millis = median(() -> {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(inputs, batchShape);
                result[0] = block.forward(parameters, new NDList(x), false).head().toFloatArray();
            }
        });
        return new Output(result[0], millis);
    }

    static Output onnx(Path file, float[] inputs, Shape batchShape) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(file.toString(), options)) {
            float[][] result = new float[1][];
            OrtException[] failure = new OrtException[1];
            double millis = median(() -> {
                try (OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(inputs), batchShape.getShape());
                        OrtSession.Result out = session.run(Map.of(OnnxModel.INPUT, x))) {
                    FloatBuffer values = ((OnnxTensor) out.get(0)).getFloatBuffer();
                    result[0] = new float[values.remaining()];
                    values.get(result[0]);
                } catch (OrtException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return new Output(result[0], millis);
        }
    }

    // One warm-up run, then the median of a few: the first run of either runtime pays for set-up.
    private static double median(Runnable run) {
        run.run();
        double[] times = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[TIMED / 2];
    }
}
