package jdlab.export;

import ai.djl.Model;
import ai.djl.nn.Block;

/**
 * A trained DJL network leaves the notebook: {@code Export.onnx(net).inputShape(1, 784).to(path)}
 * writes ONNX, proved equal in ONNX Runtime before it is put in place; {@code Export.djl(net).to(folder)}
 * DJL's own format, proved by loading it back.
 */
public final class Export {

    private Export() {
    }

    /** An ONNX export of a DJL {@link Model} or {@link Block}. */
    public static OnnxExport onnx(Object modelOrBlock) {
        return new OnnxExport(blockOf(modelOrBlock));
    }

    /**
     * A DJL-format export of a {@link Model} or {@link Block}: its parameters in DJL's model file,
     * proved by loading them back.
     */
    public static DjlExport djl(Object modelOrBlock) {
        return new DjlExport(blockOf(modelOrBlock), modelOrBlock instanceof Model model ? model.getName() : "model");
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
