package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/**
 * Answers what an editor asks about code it has not run: complete_request, inspect_request and
 * is_complete_request. Clients count cursors in code points; Java strings, in chars.
 */
final class CodeQueries {

    private final Wire wire;
    private final Session session;

    CodeQueries(Wire wire, Session session) {
        this.wire = wire;
        this.session = session;
    }

    void complete(Channel channel, Message request) {
        String code = request.string("code", "");
        JShellEvaluator.Completion completion = session.complete(code, cursor(code, request));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        JsonArray matches = new JsonArray();
        completion.matches().forEach(matches::add);
        content.add("matches", matches);
        content.addProperty("cursor_start", code.codePointCount(0, completion.start()));
        content.addProperty("cursor_end", code.codePointCount(0, completion.end()));
        content.add("metadata", new JsonObject());
        wire.reply(channel, request, "complete_reply", content);
    }

    void inspect(Channel channel, Message request) {
        String code = request.string("code", "");
        List<String> docs = session.documentation(code, cursor(code, request));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("found", !docs.isEmpty());
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            data.addProperty("text/plain", String.join("\n\n", docs));
        }
        content.add("data", data);
        content.add("metadata", new JsonObject());
        wire.reply(channel, request, "inspect_reply", content);
    }

    void isComplete(Channel channel, Message request) {
        String code = request.string("code", "");
        JShellEvaluator.Verdict verdict = session.isComplete(code);
        JsonObject content = new JsonObject();
        content.addProperty("status", verdict.name().toLowerCase(Locale.ROOT));
        if (verdict == JShellEvaluator.Verdict.INCOMPLETE) {
            content.addProperty("indent", JShellEvaluator.indentAfter(code));
        }
        wire.reply(channel, request, "is_complete_reply", content);
    }

    // The request's cursor_pos (code points, the end when absent) as a char index within the code.
    private static int cursor(String code, Message request) {
        int length = code.codePointCount(0, code.length());
        int bounded = Math.max(0, Math.min(request.integer("cursor_pos", length), length));
        return code.offsetByCodePoints(0, bounded);
    }
}
