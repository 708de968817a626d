package jdlab.api;

import java.util.List;

/**
 * Takes over cells that are not plain Java, such as magics.
 *
 * <p>The kernel offers each cell to the handlers found by {@link java.util.ServiceLoader} in turn;
 * the first that accepts it runs it, and cells nobody claims go to JShell.
 */
public interface CellHandler {

    /** Whether this handler runs the cell; must be cheap, as it is asked for every cell. */
    boolean accepts(String cell);

    /**
     * Runs the cell.
     *
     * @return the cell's value, displayed as its result, or {@code null} for none
     * @throws UsageException for a mistake of the user's, shown as one line without a stack trace
     */
    Object run(String cell, KernelContext context) throws Exception;

    /**
     * Tab completions for the last word of a line, when that line is this handler's own syntax
     * (a magic's name or options, say).
     *
     * @param lineBeforeCursor the cursor's line, up to the cursor
     * @return words that replace the line's last word; empty to let JShell complete
     */
    default List<String> complete(String lineBeforeCursor) {
        return List.of();
    }
}
