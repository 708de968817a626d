package jdlab.kernel.protocol;

import com.google.gson.JsonObject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** Makes the messages the kernel sends, each with a fresh header tied to its request. */
public final class Headers {

    static final String PROTOCOL_VERSION = "5.3";
    // Microseconds, as Jupyter's own clients write them.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final String session = UUID.randomUUID().toString();

    /** A reply (or an {@code input_request}) routed back to the sender of a request. */
    public Message reply(Message request, String type, JsonObject content) {
        return new Message(request.identities(), header(type), request.header(), new JsonObject(), content, List.of(), 0);
    }

    /** A message on IOPub (or a request to the client on stdin) that belongs to a request. */
    public Message broadcast(JsonObject parentHeader, String type, JsonObject content) {
        return new Message(List.of(type.getBytes(java.nio.charset.StandardCharsets.UTF_8)), header(type),
                parentHeader, new JsonObject(), content, List.of(), 0);
    }

    /** A request with no routing frames, as a client sends one (the installer's warm-up session does). */
    public Message request(String type, JsonObject content) {
        return new Message(List.of(), header(type), new JsonObject(), new JsonObject(), content, List.of(), 0);
    }

    private JsonObject header(String type) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", "jdlab");
        h.addProperty("date", ZonedDateTime.now(ZoneOffset.UTC).format(DATE));
        h.addProperty("msg_type", type);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }
}
