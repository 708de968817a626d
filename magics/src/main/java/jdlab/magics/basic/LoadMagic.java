package jdlab.magics.basic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.MagicRegistry;

/**
 * {@code %load PATH}: runs a file's code in the session: Java snippets, or a notebook's code cells.
 *
 * <p>IPython's {@code %load} puts the file into the cell for editing; a kernel cannot edit the
 * client's cell, so this one runs the code instead, and its declarations stay defined. As in IJava, a
 * name without extension finds its {@code .jsh}, {@code .jshell}, {@code .java} or {@code .ipynb} file.
 */
public final class LoadMagic implements Magic {

    /** The extensions tried, in IJava's order, for a name that has none. */
    static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ipynb");

    private static final ArgSpec ARGS = ArgSpec.line("load",
                    "Run a file's Java code, or a notebook's code cells, as if typed in this cell,"
                            + " showing the last value.")
            .positional("path", "the file: Java snippets (a .jsh script, say) or a .ipynb notebook;"
                    + " without extension, NAME.jsh, NAME.jshell, NAME.java, then NAME.ipynb")
            .notes("A notebook's cells run in order as the kernel runs cells, magics included; an error stops"
                    + " at the cell that raised it.")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Path path = withExtension(args.path("path"));
        String text = ScriptFile.read(ARGS, path);
        String name = path.getFileName().toString();
        if (!name.endsWith(".ipynb")) {
            return context.eval(text);
        }
        return runCells(NotebookCells.read(text, name), name, context);
    }

    /** The path itself when it is there or names an extension, else the first of {@link #EXTENSIONS} that is. */
    static Path withExtension(Path path) {
        String name = path.getFileName().toString();
        if (Files.exists(path) || name.contains(".")) {
            return path;
        }
        return EXTENSIONS.stream().map(extension -> path.resolveSibling(name + extension))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new UsageException(ARGS.invocation() + ": no such file: " + path.toAbsolutePath()
                        + " (nor with " + String.join(", ", EXTENSIONS) + ")"));
    }

    // Each cell as the kernel would run it: through the magics when it has any, else straight to JShell.
    private static Object runCells(List<String> cells, String name, KernelContext context) throws Exception {
        MagicRegistry magics = new MagicRegistry();
        Object value = null;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isBlank()) {
                continue;
            }
            try {
                value = magics.accepts(cell) ? magics.run(cell, context) : context.eval(cell);
            } catch (UsageException e) {
                throw new UsageException(name + ", code cell " + (i + 1) + ": " + e.getMessage());
            }
        }
        return value;
    }
}
