package jdlab.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebooks are committed as sources: no outputs, our kernel, and data with its provenance. */
class NotebookHygieneTest {

    private static final Path DIR = Path.of("").toAbsolutePath();

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    private static JsonObject read(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
    }

    @Test
    void thereIsAtLeastOneLabNotebook() throws IOException {
        assertFalse(notebooks().isEmpty(), "no .ipynb in " + DIR);
    }

    @Test
    void notebooksAreCommittedWithoutOutputs() throws IOException {
        for (Path notebook : notebooks()) {
            for (JsonElement cell : read(notebook).getAsJsonArray("cells")) {
                JsonObject c = cell.getAsJsonObject();
                if (c.get("cell_type").getAsString().equals("code")) {
                    assertEquals(0, c.getAsJsonArray("outputs").size(), notebook.getFileName() + " has outputs");
                    assertTrue(c.get("execution_count").isJsonNull(), notebook.getFileName() + " has execution counts");
                }
            }
        }
    }

    @Test
    void notebooksAskForTheJdlabKernel() throws IOException {
        for (Path notebook : notebooks()) {
            JsonObject spec = read(notebook).getAsJsonObject("metadata").getAsJsonObject("kernelspec");
            assertEquals("jdlab", spec.get("name").getAsString(), notebook.getFileName().toString());
        }
    }

    @Test
    void everyDatasetShipsWithItsSourceAndLicence() throws IOException {
        try (Stream<Path> sets = Files.list(DIR.resolve("data"))) {
            for (Path set : sets.filter(Files::isDirectory).collect(Collectors.toList())) {
                Path source = set.resolve("SOURCE.md");
                assertTrue(Files.exists(source), set + " lacks SOURCE.md");
                assertTrue(Files.readString(source).toLowerCase().contains("licen"), source + " states no licence");
            }
        }
    }
}
