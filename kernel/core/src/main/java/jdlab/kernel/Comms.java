package jdlab.kernel;

import com.google.gson.JsonObject;
import java.lang.System.Logger.Level;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/** The comm messages: no targets are registered yet, so every open is closed at once, as ipykernel does. */
final class Comms {

    private static final System.Logger LOG = System.getLogger(Comms.class.getName());

    private final Wire wire;

    Comms(Wire wire) {
        this.wire = wire;
    }

    void info(Channel channel, Message request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("comms", new JsonObject());
        wire.reply(channel, request, "comm_info_reply", content);
    }

    void open(Channel channel, Message request) {
        LOG.log(Level.INFO, "no comm target named " + request.string("target_name", "?") + "; closing the comm");
        JsonObject content = new JsonObject();
        content.addProperty("comm_id", request.string("comm_id", ""));
        content.add("data", new JsonObject());
        wire.publisherFor(request).publish("comm_close", content);
    }

    void ignore(Channel channel, Message request) {
        LOG.log(Level.DEBUG, "ignored " + request.type() + " for unknown comm " + request.string("comm_id", "?"));
    }
}
