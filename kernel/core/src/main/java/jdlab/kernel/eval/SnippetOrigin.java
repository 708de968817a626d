package jdlab.kernel.eval;

/** Where a snippet came from: its cell's execution count and the cell line it starts on (0-based). */
record SnippetOrigin(int cell, int firstLine) {

    /** The user's name for a line of this snippet (1-based), as shown in tracebacks. */
    String describe(int snippetLine) {
        return "cell [" + cell + "], line " + (firstLine + snippetLine);
    }
}
