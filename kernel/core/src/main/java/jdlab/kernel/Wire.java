package jdlab.kernel;

import com.google.gson.JsonObject;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Headers;
import jdlab.kernel.protocol.KernelSockets;
import jdlab.kernel.protocol.Message;

/** What the handlers write to: replies and broadcasts, their headers filled in. */
final class Wire {

    private final KernelSockets sockets;
    private final Headers headers = new Headers();

    Wire(KernelSockets sockets) {
        this.sockets = sockets;
    }

    /** Answers {@code request} on its channel; {@code stdin}'s {@code input_request} is sent this way too. */
    void reply(Channel channel, Message request, String type, JsonObject content) {
        sockets.send(channel, headers.reply(request, type, content));
    }

    /** Publishes on IOPub as a child of {@code request}. */
    Publisher publisherFor(Message request) {
        JsonObject parent = request.header();
        return (type, content) -> sockets.send(Channel.IOPUB, headers.broadcast(parent, type, content));
    }
}
