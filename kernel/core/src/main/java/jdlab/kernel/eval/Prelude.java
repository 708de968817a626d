package jdlab.kernel.eval;

import java.util.List;

/**
 * The imports every session starts with: JShell's own default start-up, the kernel's display and
 * printing calls, and the everyday names of the libraries the kernel lends (Tablesaw and its
 * Plotly charts, DJL's arrays, blocks and training basics), so that a first cell can say
 * {@code Table}, {@code List} or {@code NDManager} without an import.
 *
 * <p>On-demand imports cost nothing per cell until a name is looked up in them; DJL's packages
 * are imported by type where a whole package would shadow a JDK name ({@code ai.djl.training.dataset}
 * has a {@code Record}, {@code ai.djl.nn} a {@code Parameter} beside reflection's).
 */
final class Prelude {

    private Prelude() {
    }

    /** The import statements, in the order they are evaluated and listed by {@code %imports}. */
    static final List<String> IMPORTS = List.of(
            // JShell's DEFAULT start-up
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            // the kernel's calls, and JShell's PRINTING start-up as one class
            "import static jdlab.api.Display.*;",
            "import static jdlab.api.Printing.*;",
            // Tablesaw
            "import tech.tablesaw.api.*;",
            "import tech.tablesaw.plotly.api.*;",
            "import tech.tablesaw.plotly.components.Figure;",
            // DJL
            "import ai.djl.Model;",
            "import ai.djl.Device;",
            "import ai.djl.ndarray.NDArray;",
            "import ai.djl.ndarray.NDList;",
            "import ai.djl.ndarray.NDManager;",
            "import ai.djl.ndarray.types.DataType;",
            "import ai.djl.ndarray.types.Shape;",
            "import ai.djl.nn.Activation;",
            "import ai.djl.nn.Block;",
            "import ai.djl.nn.Blocks;",
            "import ai.djl.nn.SequentialBlock;",
            "import ai.djl.nn.core.Linear;",
            "import ai.djl.training.dataset.ArrayDataset;",
            "import ai.djl.training.loss.Loss;",
            // jdlab's training API, which %train drives
            "import jdlab.train.Training;",
            "import jdlab.train.Evaluation;",
            "import jdlab.train.data.Examples;");
}
