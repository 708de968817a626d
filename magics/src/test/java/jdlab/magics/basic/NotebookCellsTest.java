package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;

class NotebookCellsTest {

    @Test
    void codeCellsAreReadInOrderFromLinesOrOneStringAndMarkdownIsLeftOut() {
        String notebook = """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Helpers"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["%maven a:b:1\\n", "int x = 1;"]},
                  {"cell_type": "raw", "metadata": {}, "source": "raw text"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": "x + 1"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";
        assertEquals(List.of("%maven a:b:1\nint x = 1;", "x + 1"), NotebookCells.read(notebook, "helpers.ipynb"));
    }

    @Test
    void jsonThatIsNotANotebookIsOneLineNamingTheFile() {
        for (String json : List.of("[1, 2]", "{\"cells\": 3}", "not json {")) {
            UsageException e = assertThrows(UsageException.class, () -> NotebookCells.read(json, "x.ipynb"));
            assertEquals("%load: x.ipynb is not a Jupyter notebook (no list of cells in its JSON)", e.getMessage());
        }
    }
}
