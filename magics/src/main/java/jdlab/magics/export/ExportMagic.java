package jdlab.magics.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import jdlab.api.KernelContext;
import jdlab.api.Stacked;
import jdlab.api.UsageException;
import jdlab.export.Export;
import jdlab.export.ExportReport;
import jdlab.export.OnnxExport;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %export}: {@link Export}'s builder, filled from one line. */
public final class ExportMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("export",
                    "Export a trained DJL model: to ONNX, proved equal in ONNX Runtime, or to DJL's own format.")
            .positional("model", "a variable holding a trained DJL Block or Model").variable(Object.class)
            .option("to", 't', Path.class, null, "the .onnx file to write; for --format djl, the folder").required()
            .option("format", 'f', String.class, "onnx", "onnx, or djl: the parameters in DJL's model file"
                    + " FOLDER/NAME-0000.params, which Model.load(FOLDER, NAME) reads into the same network")
            .option("input-shape", '\0', String.class, null, "the input's shape, batch first, e.g. 1,784"
                    + " (default: the shape the model was trained with)")
            .option("opset", '\0', Integer.class, "17", "the ONNX opset, 13 to 17")
            .option("check", '\0', String.class, null, "a variable holding the data to compare the runtimes on:"
                    + " Examples or an NDArray (default: the validation data of the model's %train, else seeded"
                    + " random input)").variable(Object.class)
            .option("samples", 'n', Integer.class, "64", "how many examples the check runs")
            .option("tolerance", '\0', Double.class, "1e-4", "the largest absolute difference from DJL allowed")
            .option("quantize", 'q', String.class, null, "int8: also write MODEL.int8.onnx, weights in 8 bits,"
                    + " with its size and accuracy beside the float model's")
            .notes("Example: %export net --to mnist.onnx --quantize int8",
                    "Supported: SequentialBlock, Linear, Conv1d/Conv2d, max/avg/global pooling, BatchNorm, Dropout,"
                            + " flatten, ReLU, LeakyReLU, sigmoid, Tanh, GELU, softmax and ParallelBlock joined by"
                            + " addition (residual blocks). The batch dimension is dynamic; class labels and the"
                            + " last metrics of %train go into the model's metadata.",
                    "ONNX Runtime runs the written file beside DJL first; over the tolerance the export fails and"
                            + " the old file stays. The same from Java: Export.onnx(net).inputShape(1, 784).to(path).",
                    "A DJL export is proved by loading the written parameters back: the network must give the same"
                            + " outputs. The same from Java: Export.djl(net).to(folder).")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String format = args.string("format");
        if (!format.equals("onnx") && !format.equals("djl")) {
            throw args.error("unknown format " + format + "; onnx or djl");
        }
        Path target = args.path("to");
        try {
            return format.equals("onnx") ? onnx(args, target) : "Exported the parameters to "
                    + Export.djl(args.get("model", Object.class)).to(target) + "; loaded back, they give the same outputs.";
        } catch (IllegalArgumentException e) {
            throw args.error(e.getMessage());
        } catch (IllegalStateException e) {
            throw new UsageException("%export: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("%export: cannot write " + target + ": " + e.getMessage());
        }
    }

    private static Object onnx(Args args, Path target) throws IOException {
        OnnxExport export = Export.onnx(args.get("model", Object.class))
                .opset(args.integer("opset"))
                .samples(args.integer("samples"))
                .tolerance(args.get("tolerance", Double.class));
        args.given("input-shape", String.class).map(ExportMagic::dims).ifPresent(export::inputShape);
        args.given("check", Object.class).ifPresent(export::check);
        args.given("quantize", String.class).ifPresent(export::quantize);
        ExportReport report = export.to(target);
        return Stacked.of(report.toString(), report.table());
    }

    private static long[] dims(String shape) {
        try {
            return Arrays.stream(shape.split(",")).map(String::strip).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--input-shape " + shape + ": give numbers with commas, e.g. 1,784");
        }
    }
}
