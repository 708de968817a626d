package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jdlab.kernel.eval.CellResult;
import jdlab.kernel.history.HistoryStore;
import jdlab.kernel.io.OutputRouter;
import jdlab.kernel.io.StdinBridge;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/**
 * Answers execute_request: counts and records the cell, runs it in the session, asks the client for
 * the lines it reads, and aborts the requests queued behind a failed cell.
 */
final class ExecuteHandler implements RequestHandler {

    private final Wire wire;
    private final Session session;
    private final HistoryStore history;
    private final OutputRouter output;
    private final BlockingQueue<Message> inputReplies = new LinkedBlockingQueue<>();
    private int executionCount;
    private volatile long abortReceivedBefore;

    ExecuteHandler(Wire wire, Session session, HistoryStore history, OutputRouter output) {
        this.wire = wire;
        this.session = session;
        this.history = history;
        this.output = output;
    }

    /** Takes the client's answer to an input_request; called on the I/O thread. */
    void inputReplied(Message reply) {
        inputReplies.offer(reply);
    }

    @Override
    public void handle(Channel channel, Message request) {
        String code = request.string("code", "");
        boolean silent = request.bool("silent", false);
        boolean storeHistory = request.bool("store_history", !silent) && !silent;
        if (request.receivedNanos() < abortReceivedBefore) {
            JsonObject aborted = new JsonObject();
            aborted.addProperty("status", "aborted");
            aborted.addProperty("execution_count", executionCount);
            wire.reply(channel, request, "execute_reply", aborted);
            return;
        }
        if (storeHistory) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        StdinBridge.LineSource input = request.bool("allow_stdin", false) ? prompt -> askForInput(request, prompt) : null;
        CellResult result = session.execute(code, count, silent, wire.publisherFor(request), input);
        JsonObject reply = new JsonObject();
        reply.addProperty("execution_count", count);
        if (result instanceof CellResult.Failure failure) {
            reply.addProperty("status", "error");
            Session.errorContent(failure).entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
            if (request.bool("stop_on_error", true)) {
                abortReceivedBefore = System.nanoTime();
            }
        } else {
            reply.addProperty("status", "ok");
            reply.add("user_expressions", session.userExpressions(request.content().get("user_expressions")));
            reply.add("payload", new JsonArray());
        }
        wire.reply(channel, request, "execute_reply", reply);
    }

    private String askForInput(Message request, String prompt) {
        output.flushCell();
        inputReplies.clear();
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", false);
        wire.reply(Channel.STDIN, request, "input_request", content);
        try {
            return inputReplies.take().string("value", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
