package jdlab.magics.basic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import jdlab.api.UsageException;

/** The code cells of a Jupyter notebook's JSON, in order, as the text a user would run. */
final class NotebookCells {

    private NotebookCells() {
    }

    /**
     * The sources of the notebook's code cells; markdown and raw cells are left out.
     *
     * @param name the file's name, for the one-line error when it is not a notebook
     */
    static List<String> read(String json, String name) {
        JsonArray cells;
        try {
            JsonElement notebook = JsonParser.parseString(json);
            cells = notebook.isJsonObject() && notebook.getAsJsonObject().get("cells") instanceof JsonArray array
                    ? array : null;
        } catch (JsonParseException e) {
            cells = null;
        }
        if (cells == null) {
            throw new UsageException("%load: " + name + " is not a Jupyter notebook (no list of cells in its JSON)");
        }
        List<String> sources = new ArrayList<>();
        for (JsonElement cell : cells) {
            if (cell instanceof JsonObject object && object.has("cell_type")
                    && object.get("cell_type").getAsString().equals("code")) {
                sources.add(source(object.get("source")));
            }
        }
        return sources;
    }

    // nbformat writes a cell's source as one string or as a list of lines, each with its own newline.
    private static String source(JsonElement source) {
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (source.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return source.getAsString();
    }
}
