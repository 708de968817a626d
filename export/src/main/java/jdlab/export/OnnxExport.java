package jdlab.export;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ONNX export being set up: required values in {@link Export#onnx}, the rest fluent, then
 * {@link #to(Path)} writes the file, proves it in ONNX Runtime against DJL and only then puts it
 * in place.
 */
public final class OnnxExport {

    private final Block block;
    private Shape inputShape;
    private int opset = OnnxModel.MAX_OPSET;
    private Object check;
    private int samples = 64;
    private double tolerance = 1e-4;
    private boolean int8;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    OnnxExport(Block block) {
        this.block = block;
    }

    /** The input's shape, batch first, e.g. {@code 1, 784}; by default the shape the block was initialized with. */
    public OnnxExport inputShape(long... dims) {
        this.inputShape = new Shape(dims);
        return this;
    }

    /** The ONNX opset, 13 to 17 (the default, the newest Debian's onnx 1.12 checks). */
    public OnnxExport opset(int version) {
        if (version < OnnxModel.MIN_OPSET || version > OnnxModel.MAX_OPSET) {
            throw new IllegalArgumentException("opset " + version + " is not supported; use " + OnnxModel.MIN_OPSET
                    + " to " + OnnxModel.MAX_OPSET);
        }
        this.opset = version;
        return this;
    }

    /**
     * The data both runtimes are checked on: {@code Examples} or an NDArray; by default the
     * validation data of the block's last {@code %train}, else seeded random input.
     */
    public OnnxExport check(Object data) {
        this.check = data;
        return this;
    }

    /** How many examples the check runs (64 by default). */
    public OnnxExport samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("samples must be 1 or more, not " + n);
        }
        this.samples = n;
        return this;
    }

    /** The largest absolute difference from DJL the float model may show (1e-4 by default). */
    public OnnxExport tolerance(double maxDiff) {
        if (!(maxDiff > 0)) {
            throw new IllegalArgumentException("the tolerance must be above 0, not " + maxDiff);
        }
        this.tolerance = maxDiff;
        return this;
    }

    /** Also writes an int8 model beside the float one ({@code model.int8.onnx}); "int8" is the one kind. */
    public OnnxExport quantize(String kind) {
        if (!kind.equals("int8")) {
            throw new IllegalArgumentException("cannot quantize to " + kind + "; int8 is supported");
        }
        this.int8 = true;
        return this;
    }

    /** A key and value for the model's metadata, beside the producer and, from training, "labels" and "metrics". */
    public OnnxExport metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Writes the model to {@code path} (and its int8 variant beside it), each run in ONNX Runtime
     * beside DJL first. Over the tolerance nothing is written and the old file stays.
     */
    public ExportReport to(Path path) throws IOException {
        Trained.requireWeights(block);
        Shape shape = inputShape();
        CheckData data = CheckData.of(check != null ? check : Trained.validation(block), samples, shape);
        Map<String, String> properties = new LinkedHashMap<>(Trained.metadata(block));
        if (!properties.containsKey("labels") && !data.classNames().isEmpty()) {
            properties.put("labels", String.join(",", data.classNames()));
        }
        properties.putAll(metadata);
        try (NDManager manager = NDManager.newBaseManager(Trained.device(block))) {
            Runs.Output djl = Runs.djl(block, manager, data.inputs(), data.batchShape());
            int perSample = djl.values().length / data.samples();
            List<ExportReport.Row> rows = new ArrayList<>();
            ModelProto model = OnnxModel.of(block, shape, opset, false, properties, manager);
            try (AtomicFile floats = AtomicFile.write(path, model::writeTo);
                    AtomicFile quantised = int8 ? AtomicFile.write(int8Path(path),
                            OnnxModel.of(block, shape, opset, true, properties, manager)::writeTo) : null) {
                rows.add(compare("float32", floats, path, djl, data, perSample));
                if (rows.get(0).parity().maxDiff() > tolerance) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "ONNX Runtime differs from DJL by up to %.2e on %s (tolerance %.1e); nothing was written",
                            rows.get(0).parity().maxDiff(), data.source(), tolerance));
                }
                if (quantised != null) {
                    rows.add(compare("int8", quantised, int8Path(path), djl, data, perSample));
                    quantised.commit();
                }
                floats.commit();
            }
            return new ExportReport(data.source(), rows);
        }
    }

    private ExportReport.Row compare(String variant, AtomicFile file, Path target, Runs.Output djl, CheckData data,
            int perSample) throws IOException {
        Runs.Output onnx;
        try {
            onnx = Runs.onnx(file.temporary(), data.inputs(), data.batchShape());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run the exported " + variant + " model: " + e.getMessage(), e);
        }
        Double accuracy = data.labels() == null ? null : Parity.accuracy(onnx.values(), perSample, data.labels());
        return new ExportReport.Row(variant, target.toAbsolutePath(), Files.size(file.temporary()),
                Parity.of(djl.values(), onnx.values(), perSample), accuracy, onnx.millis(), djl.millis());
    }

    /** The shape asked for, checked against the one the block was initialized with. */
    private Shape inputShape() {
        Shape[] known = block.getInputShapes();
        Shape initialized = known != null && known.length == 1 ? known[0] : null;
        if (inputShape == null) {
            if (initialized == null) {
                throw new IllegalArgumentException("the model's input shape is unknown: give it, e.g. --input-shape 1,784");
            }
            return new Shape(1).addAll(initialized.slice(1));
        }
        if (initialized != null && !initialized.slice(1).equals(inputShape.slice(1))) {
            throw new IllegalArgumentException("input shape " + dims(inputShape) + " does not fit the model, which takes "
                    + dims(new Shape(1).addAll(initialized.slice(1))));
        }
        return inputShape;
    }

    static Path int8Path(Path path) {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return path.resolveSibling(stem + ".int8.onnx");
    }

    private static String dims(Shape shape) {
        return String.join(",", Arrays.stream(shape.getShape()).mapToObj(Long::toString).toList());
    }
}
