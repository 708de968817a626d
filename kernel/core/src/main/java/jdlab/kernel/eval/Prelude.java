package jdlab.kernel.eval;

import java.util.List;

/**
 * The imports every session starts with: JShell's own default start-up, the kernel's display and
 * printing calls, and the everyday names of the libraries the kernel lends (Tablesaw and its
 * Plotly charts, DJL's arrays, blocks and training basics, jdlab's training API), so that a first
 * cell can say {@code Table}, {@code List} or {@code NDManager} without an import.
 *
 * <p>JShell compiles each snippet as the session starts, 10-20 ms apiece with a cold JIT (24 of
 * them added 0.4-0.6 s to the first result), and one snippet may hold many imports: they are one
 * snippet. JShell names an import snippet after its first import and replaces it, whole, when the
 * user imports that name again, so the snippet opens with an {@link #ANCHOR} no user writes.
 *
 * <p>Packages are imported whole where that is safe; a class by type where its package holds a
 * name that would clash ({@code ai.djl.training.dataset} has a {@code Record}, {@code jdlab.train}
 * a {@code Loss}). A user's single-type import shadows any of these.
 */
final class Prelude {

    private Prelude() {
    }

    /** The snippet's first import: redundant, harmless, and never written by a user. */
    static final String ANCHOR = "import java.lang.Object;";

    /** The JDK's part, as JShell's DEFAULT start-up has it, and the kernel's calls. */
    static final List<String> JDK = List.of(
            "import static jdlab.api.Display.*;",
            "import jdlab.api.Renderers;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;");

    /** The lent libraries' part, and JShell's PRINTING start-up as one class. */
    static final List<String> LIBRARIES = List.of(
            "import static jdlab.api.Printing.*;",
            "import tech.tablesaw.api.*;",
            "import tech.tablesaw.plotly.api.*;",
            "import tech.tablesaw.plotly.components.Figure;",
            "import ai.djl.*;",
            "import ai.djl.ndarray.*;",
            "import ai.djl.ndarray.types.*;",
            "import ai.djl.nn.*;",
            "import ai.djl.nn.core.*;",
            "import ai.djl.training.dataset.ArrayDataset;",
            "import ai.djl.training.loss.Loss;",
            "import jdlab.train.*;",
            "import jdlab.train.data.*;");

    /** Every import, in order. */
    static final List<String> IMPORTS = java.util.stream.Stream.concat(JDK.stream(), LIBRARIES.stream()).toList();

    /** The imports as one snippet. */
    static String snippet() {
        return ANCHOR + " " + String.join(" ", IMPORTS);
    }
}
