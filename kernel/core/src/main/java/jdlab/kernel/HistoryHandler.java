package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import jdlab.kernel.history.HistoryStore;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/** Answers history_request from the store: tail, range or search; outputs are not kept, so null. */
final class HistoryHandler implements RequestHandler {

    private final Wire wire;
    private final HistoryStore history;

    HistoryHandler(Wire wire, HistoryStore history) {
        this.wire = wire;
        this.history = history;
    }

    @Override
    public void handle(Channel channel, Message request) {
        boolean withOutput = request.bool("output", false);
        List<HistoryStore.Entry> entries = switch (request.string("hist_access_type", "tail")) {
            case "range" -> history.range(request.integer("session", 0), request.integer("start", 0),
                    request.integer("stop", 0));
            case "search" -> history.search(request.string("pattern", "*"), request.integer("n", 0),
                    request.bool("unique", false));
            default -> history.tail(request.integer("n", 10));
        };
        JsonArray items = new JsonArray();
        for (HistoryStore.Entry e : entries) {
            JsonArray item = new JsonArray();
            item.add(e.session());
            item.add(e.line());
            if (withOutput) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add((String) null);
                item.add(io);
            } else {
                item.add(e.input());
            }
            items.add(item);
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", items);
        wire.reply(channel, request, "history_reply", content);
    }
}
