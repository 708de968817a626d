package jdlab.serve;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import jdlab.train.Training;

/**
 * A trained DJL block run in-process, as {@code %evaluate} runs it: without gradients, each batch in a
 * manager of its own that frees its arrays when the batch is answered. The class names are those of the
 * block's last {@code %train}, else the {@code labels} property of a {@link Model} loaded from a DJL
 * {@code %export}; a model without them answers values.
 */
final class DjlPredictor implements Predictor {

    private final Block block;
    private final ModelDescription description;
    private final NDManager manager;

    private DjlPredictor(Block block, List<String> labels) {
        this.block = block;
        this.description = new ModelDescription("djl", block.getInputShapes()[0].slice(1).getShape(), labels);
        this.manager = block.getParameters().isEmpty() ? NDManager.newBaseManager()
                : NDManager.newBaseManager(block.getParameters().valueAt(0).getArray().getDevice());
    }

    /** The predictor of a DJL {@link Model} or {@link Block} with weights. */
    static DjlPredictor of(Object modelOrBlock) {
        Block block = blockOf(modelOrBlock);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the model has no weights yet: train it first");
        }
        String saved = modelOrBlock instanceof Model model ? model.getProperty("labels") : null;
        List<String> labels = Training.lastRun(block).filter(run -> run.data().classes() > 0)
                .map(run -> List.copyOf(run.data().classNames()))
                .orElse(saved == null || saved.isBlank() ? List.of() : List.of(saved.split(",")));
        return new DjlPredictor(block, labels);
    }

    static Block blockOf(Object modelOrBlock) {
        Block block = modelOrBlock instanceof Model model ? model.getBlock() : modelOrBlock instanceof Block b ? b : null;
        if (block == null) {
            throw new IllegalArgumentException("a DJL Model or Block is needed, not "
                    + (modelOrBlock == null ? "null" : modelOrBlock.getClass().getName()));
        }
        return block;
    }

    @Override
    public ModelDescription description() {
        return description;
    }

    @Override
    public float[][] predict(float[][] rows) {
        FloatBuffer features = Predictor.packed(rows, description.exampleWidth());
        // PyTorch records gradients per thread unless told not to; serving needs none.
        boolean pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        boolean gradients = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(features, new Shape(rows.length).addAll(new Shape(description.exampleShape())), DataType.FLOAT32);
            NDArray y = block.forward(new ParameterStore(batch, false), new NDList(x), false).singletonOrThrow();
            return Predictor.unpacked(FloatBuffer.wrap(y.toType(DataType.FLOAT32, false).toFloatArray()), rows.length);
        } finally {
            if (gradients) {
                JniUtils.setGradMode(true);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
