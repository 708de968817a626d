package jdlab.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;

/** Turns ZeroMQ frames into verified {@link Message}s and back. */
public final class WireCodec {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    // As ipykernel does: a signature seen before means a replayed message.
    private static final int REMEMBERED_SIGNATURES = 1 << 16;

    private final Signer signer;
    private final Set<String> seenSignatures = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_SIGNATURES;
        }
    });

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    /**
     * Decodes and verifies one multipart message; call from one thread (the I/O thread).
     *
     * @throws MalformedMessageException when the frames, the signature or the JSON are not right
     */
    public Message decode(List<byte[]> frames, long receivedNanos) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("expected signature and 4 JSON frames after the delimiter, got "
                    + (frames.size() - delimiter - 1) + " frames");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new MalformedMessageException("bad signature");
        }
        if (signer.enabled() && !seenSignatures.add(new String(signature, StandardCharsets.US_ASCII))) {
            throw new MalformedMessageException("replayed message (signature seen before)");
        }
        JsonObject headerJson = object(header, "header");
        JsonElement type = headerJson.get("msg_type");
        JsonElement id = headerJson.get("msg_id");
        if (!isString(type) || !isString(id)) {
            throw new MalformedMessageException("header lacks string msg_type or msg_id");
        }
        return new Message(
                List.copyOf(frames.subList(0, delimiter)),
                headerJson,
                object(parent, "parent_header"),
                object(metadata, "metadata"),
                object(content, "content"),
                List.copyOf(frames.subList(delimiter + 6, frames.size())),
                receivedNanos);
    }

    /** Encodes and signs a message; the routing frames come first. */
    public List<byte[]> encode(Message message) {
        byte[] header = json(message.header());
        byte[] parent = json(message.parentHeader());
        byte[] metadata = json(message.metadata());
        byte[] content = json(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    /** The JSON text of a tree, as sent on the wire. */
    public static String toJson(JsonElement element) {
        return GSON.toJson(element);
    }

    /** Converts plain Java values (maps, lists, strings, numbers) into a JSON tree. */
    public static JsonElement toTree(Object value) {
        return GSON.toJsonTree(value);
    }

    private static byte[] json(JsonObject object) {
        return GSON.toJson(object).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static JsonObject object(byte[] frame, String name) throws MalformedMessageException {
        try {
            JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new MalformedMessageException(name + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | StackOverflowError e) {
            throw new MalformedMessageException(name + " is not valid JSON");
        }
    }
}
