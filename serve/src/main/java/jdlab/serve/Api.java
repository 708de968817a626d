package jdlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The routes: {@code POST /predictions/NAME}, {@code GET /models}, {@code /health} and {@code /metrics}.
 * Every refusal is a status of 4xx (or 503 when the queue is full) with the body {@code {"error": "reason"}};
 * a prediction is answered when its batch is, without holding a thread while it waits.
 */
final class Api extends Handler.Abstract {

    private static final String PREDICTIONS = "/predictions/";
    private static final String JSON = "application/json";
    /** The most bytes of a body over the limit read and dropped before the 413; a larger one is refused at once. */
    private static final long DRAINED = 64L << 20;

    private final ModelServer server;
    private final Batcher batcher;
    private final ServeMetrics metrics;
    private final Executor answers;

    Api(ModelServer server, Batcher batcher, ServeMetrics metrics, Executor answers) {
        this.server = server;
        this.batcher = batcher;
        this.metrics = metrics;
        this.answers = answers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        if (path.startsWith(PREDICTIONS)) {
            predict(request, response, callback, path.substring(PREDICTIONS.length()));
            return true;
        }
        try {
            switch (path) {
                case "/health" -> send(response, callback, 200, JSON, json(health()), onlyGet(request));
                case "/models" -> send(response, callback, 200, JSON, json(models()), onlyGet(request));
                case "/metrics" -> send(response, callback, 200, metrics.contentType(), metrics.text(), onlyGet(request));
                default -> throw new BadRequest(404, "no route " + path + "; POST /predictions/" + server.name()
                        + ", GET /models, /health or /metrics");
            }
        } catch (BadRequest e) {
            send(response, callback, e.status(), JSON, error(e.getMessage()), true);
        }
        return true;
    }

    private void predict(Request request, Response response, Callback callback, String model) {
        long start = System.nanoTime();
        metrics.started();
        try {
            if (!request.getMethod().equals("POST")) {
                throw new BadRequest(405, "use POST with " + Instances.SHAPE);
            }
            if (!model.equals(server.name())) {
                throw new BadRequest(404, "no model named " + model + "; this server serves " + server.name());
            }
            ModelDescription served = server.description();
            float[][] rows = Instances.parse(body(request), served.exampleShape(), served.exampleWidth());
            batcher.submit(rows).whenCompleteAsync((outputs, failure) -> {
                if (failure == null) {
                    JsonObject answer = new JsonObject();
                    answer.add("predictions", Predictions.of(outputs, served.labels()));
                    answer(response, callback, start, 200, json(answer));
                } else if (failure instanceof BadRequest refused) {
                    answer(response, callback, start, refused.status(), error(refused.getMessage()));
                } else {
                    answer(response, callback, start, 500, error("the model failed: " + firstLine(failure)));
                }
            }, answers);
        } catch (BadRequest e) {
            answer(response, callback, start, e.status(), error(e.getMessage()));
        } catch (RuntimeException e) { // a fault of the server's, answered and counted like any other
            answer(response, callback, start, 500, error("the server failed: " + firstLine(e)));
        }
    }

    private void answer(Response response, Callback callback, long start, int status, byte[] body) {
        metrics.answered(status, (System.nanoTime() - start) / 1e9);
        send(response, callback, status, JSON, body, true);
    }

    // The body, up to the limit. A body over it is read to its end and dropped (up to DRAINED bytes), so that a
    // client that writes all of it before reading gets the 413 rather than a connection reset under its write.
    private static String body(Request request) {
        long length = request.getLength();
        if (length > DRAINED) {
            throw tooLarge(length + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(ServeOptions.MAX_BODY_BYTES + 1);
            if (bytes.length > ServeOptions.MAX_BODY_BYTES) {
                in.skip(DRAINED);
                throw tooLarge(length > 0 ? length + " bytes" : "more than " + ServeOptions.MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (causedBy(e, TimeoutException.class)) {
                throw new BadRequest(408, "the body did not arrive within " + ServeOptions.IDLE_TIMEOUT.toSeconds() + " s");
            }
            throw new BadRequest(400, "the body could not be read: " + firstLine(e));
        }
    }

    private static BadRequest tooLarge(String size) {
        return new BadRequest(413, "the body holds " + size + "; the limit is " + ServeOptions.MAX_BODY_BYTES
                + " bytes: send fewer rows a request");
    }

    private static boolean onlyGet(Request request) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            throw new BadRequest(405, "use GET");
        }
        return !request.getMethod().equals("HEAD");
    }

    private JsonObject health() {
        JsonObject health = new JsonObject();
        health.addProperty("status", "ok");
        health.addProperty("model", server.name());
        return health;
    }

    private JsonObject models() {
        JsonObject models = new JsonObject();
        JsonArray list = new JsonArray();
        list.add(server.describe());
        models.add("models", list);
        return models;
    }

    static byte[] error(String reason) {
        JsonObject error = new JsonObject();
        error.addProperty("error", reason);
        return json(error);
    }

    private static byte[] json(JsonObject object) {
        return (object + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body,
            boolean withBody) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, withBody ? ByteBuffer.wrap(body) : ByteBuffer.allocate(0), callback);
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Jetty's own refusals (a malformed request line, headers too large) in the same one-line JSON. */
    static final class Errors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            String reason = message != null ? message : HttpStatus.getMessage(code);
            send(response, callback, code, JSON, error(reason), !request.getMethod().equals("HEAD"));
        }
    }
}
