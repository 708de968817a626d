package jdlab.serve;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ONNX file run by ONNX Runtime: one float input whose first dimension is the batch, and its first
 * output. The class names are the {@code labels} that {@code %export} writes into the file's metadata.
 */
final class OnnxPredictor implements Predictor {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;
    private final ModelDescription description;
    private final Runnable onClose;

    private OnnxPredictor(Path file, Runnable onClose) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // One thread a run: the server's workers run batches side by side, each on a core.
        options.setIntraOpNumThreads(1);
        this.session = environment.createSession(file.toString(), options);
        this.onClose = onClose;
        Map.Entry<String, NodeInfo> first = session.getInputInfo().entrySet().iterator().next();
        this.input = first.getKey();
        if (!(first.getValue().getInfo() instanceof TensorInfo tensor) || tensor.getShape().length < 2) {
            session.close();
            throw new IllegalArgumentException(file + ": its input " + input + " is not a tensor with a batch dimension");
        }
        long[] exampleShape = Arrays.copyOfRange(tensor.getShape(), 1, tensor.getShape().length);
        if (Arrays.stream(exampleShape).anyMatch(d -> d < 1)) {
            session.close();
            throw new IllegalArgumentException(file + ": its input " + input + " has dimensions of unknown size past"
                    + " the batch: " + Arrays.toString(tensor.getShape()));
        }
        String names = session.getMetadata().getCustomMetadata().get("labels");
        this.description = new ModelDescription("onnx", exampleShape,
                names == null || names.isBlank() ? List.of() : List.of(names.split(",")));
    }

    /** The predictor of an .onnx file. */
    static OnnxPredictor of(Path file) throws OrtException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        return new OnnxPredictor(file, () -> { });
    }

    /** The predictor of a file made for it, which {@code onClose} deletes once the session is closed. */
    static OnnxPredictor ofTemporary(Path file, Runnable onClose) throws OrtException {
        return new OnnxPredictor(file, onClose);
    }

    @Override
    public ModelDescription description() {
        return description;
    }

    @Override
    public float[][] predict(float[][] rows) throws OrtException {
        FloatBuffer features = Predictor.packed(rows, description.exampleWidth());
        long[] exampleShape = description.exampleShape();
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        try (OnnxTensor x = OnnxTensor.createTensor(environment, features, shape);
                OrtSession.Result result = session.run(Map.of(input, x))) {
            return Predictor.unpacked(((OnnxTensor) result.get(0)).getFloatBuffer(), rows.length);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            onClose.run();
        }
    }
}
