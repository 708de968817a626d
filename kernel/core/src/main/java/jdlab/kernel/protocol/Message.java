package jdlab.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message, decoded and verified.
 *
 * @param identities the routing frames before the delimiter, returned with every reply
 * @param header the sender's header, with {@code msg_id} and {@code msg_type}
 * @param parentHeader the header of the request this one answers, or empty
 * @param metadata free-form metadata
 * @param content the message body
 * @param buffers extra binary frames
 * @param receivedNanos when the message arrived ({@link System#nanoTime()}), 0 for outgoing ones
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers,
                      long receivedNanos) {

    /** The message type, such as {@code execute_request}. */
    public String type() {
        return header.get("msg_type").getAsString();
    }

    /** A string field of the content, or the fallback when absent or not a string. */
    public String string(String field, String fallback) {
        JsonElement e = content.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : fallback;
    }

    /** A boolean field of the content, or the fallback when absent or not a boolean. */
    public boolean bool(String field, boolean fallback) {
        JsonElement e = content.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    /** An integer field of the content, or the fallback when absent or not a number. */
    public int integer(String field, int fallback) {
        JsonElement e = content.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }
}
