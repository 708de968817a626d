package jdlab.kernel.eval;

import java.util.List;

/** What evaluating a cell came to: a value, nothing to show, or an error for the user. */
public sealed interface CellResult {

    /** The cell ended with an expression; {@code value} is the live object, {@code text} JShell's rendering. */
    record Value(Object value, String text) implements CellResult { }

    /** The cell ran and has nothing to show. */
    record Done() implements CellResult { }

    /**
     * The cell failed; these are the fields of Jupyter's {@code error} message.
     *
     * @param name the exception's class name, or a kind such as {@code CompilationError}
     * @param value the message
     * @param traceback the lines to show, pointing at cell and line
     */
    record Failure(String name, String value, List<String> traceback) implements CellResult { }
}
