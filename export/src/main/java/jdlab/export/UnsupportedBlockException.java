package jdlab.export;

/** A network holds a block the ONNX exporter cannot write; the message names it and what is supported. */
public final class UnsupportedBlockException extends IllegalArgumentException {

    /** What the exporter writes, for the message. */
    static final String SUPPORTED = "SequentialBlock, Linear, Conv1d, Conv2d, max/avg/global pooling, BatchNorm,"
            + " Dropout, flatten, ReLU, LeakyReLU, sigmoid, Tanh, GELU, softmax, identity and ParallelBlock joined by addition";

    UnsupportedBlockException(String message) {
        super(message);
    }

    static UnsupportedBlockException of(String block) {
        return new UnsupportedBlockException("cannot export " + block + " to ONNX; supported: " + SUPPORTED);
    }
}
