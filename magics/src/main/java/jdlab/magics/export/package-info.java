/** {@code %export}: a trained model leaves the notebook as ONNX, proved in ONNX Runtime. */
package jdlab.magics.export;
