package jdlab.export;

import ai.djl.Model;
import ai.djl.nn.Block;

/**
 * A trained DJL network leaves the notebook: {@code Export.onnx(net).inputShape(1, 784).to(path)}
 * writes ONNX, proved equal in ONNX Runtime before it is put in place.
 */
public final class Export {

    private Export() {
    }

    /** An ONNX export of a DJL {@link Model} or {@link Block}. */
    public static OnnxExport onnx(Object modelOrBlock) {
        return new OnnxExport(blockOf(modelOrBlock));
    }

    static Block blockOf(Object modelOrBlock) {
        if (modelOrBlock instanceof Model model && model.getBlock() != null) {
            return model.getBlock();
        }
        if (modelOrBlock instanceof Block block) {
            return block;
        }
        throw new IllegalArgumentException("the model must be a DJL Model or Block, not "
                + (modelOrBlock == null ? "null" : modelOrBlock.getClass().getName()));
    }
}
