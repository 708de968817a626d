package jdlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of a prediction request, {@code {"instances": [[...], ...]}}: each row the numbers of one example,
 * flat or nested as the example's shape ({@code [[0.1, ...], ...]} or {@code [[[...]]]}). What does not fit
 * is a {@link BadRequest} of status 400 whose reason names the place.
 */
final class Instances {

    static final String SHAPE = "{\"instances\": [[...], ...]}";
    private static final Pattern WHERE = Pattern.compile("line \\d+ column \\d+");

    private Instances() {
    }

    /** The rows of {@code body}, each of {@code width} numbers. */
    static float[][] parse(String body, long[] exampleShape, int width) {
        JsonElement json = strictJson(body);
        if (!json.isJsonObject() || !json.getAsJsonObject().has("instances")) {
            throw invalid("the body must be a JSON object " + SHAPE);
        }
        JsonObject object = json.getAsJsonObject();
        JsonElement instances = object.get("instances");
        if (!instances.isJsonArray()) {
            throw invalid("\"instances\" must be a list of rows: " + SHAPE);
        }
        JsonArray rows = instances.getAsJsonArray();
        if (rows.isEmpty()) {
            throw invalid("\"instances\" is empty: send at least one row");
        }
        float[][] parsed = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            String where = "instances[" + i + "]";
            if (!rows.get(i).isJsonArray()) {
                throw invalid(where + " is not a list of numbers: " + SHAPE);
            }
            float[] row = new float[width];
            int count = flatten(rows.get(i).getAsJsonArray(), row, 0, where);
            if (count != width) {
                throw invalid(where + " has " + count + " numbers; the model takes " + width + " a row (shape "
                        + Arrays.toString(exampleShape) + ")");
            }
            parsed[i] = row;
        }
        return parsed;
    }

    // Strict JSON, one value and nothing after it: Gson's default reading would take `abc` for a string.
    private static JsonElement strictJson(String body) {
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement json = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw invalid("the body is not JSON: more follows the first value");
            }
            return json;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            Matcher where = WHERE.matcher(String.valueOf(e.getMessage()));
            throw invalid("the body is not JSON" + (where.find() ? " (at " + where.group() + ")" : ""));
        }
    }

    // Copies the numbers of a (nested) list into row from index at; returns the index after the last one.
    private static int flatten(JsonArray values, float[] row, int at, String where) {
        for (int j = 0; j < values.size(); j++) {
            JsonElement value = values.get(j);
            if (value.isJsonArray()) {
                at = flatten(value.getAsJsonArray(), row, at, where);
            } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                if (at < row.length) {
                    row[at] = value.getAsFloat();
                }
                at++;
            } else {
                throw invalid(where + " holds " + value + ", not a number");
            }
        }
        return at;
    }

    private static BadRequest invalid(String reason) {
        return new BadRequest(400, reason);
    }
}
