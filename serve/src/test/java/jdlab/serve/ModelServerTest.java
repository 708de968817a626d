package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real server on a free loopback port, serving a DJL block of 4 inputs and 2 outputs. */
class ModelServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static NDManager manager;
    private static Block block;

    @BeforeAll
    static void block() {
        manager = NDManager.newBaseManager();
        block = Linear.builder().setUnits(2).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static ModelServer serve(String name, int maxBatch) throws Exception {
        return ModelServer.start(DjlPredictor.of(block), new ServeOptions(name, "127.0.0.1", 0, null, maxBatch,
                Duration.ofMillis(20), 2), 0.25);
    }

    private static HttpResponse<String> post(ModelServer server, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ModelServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString();
    }

    @Test
    void predictionsAnswerEachRowAndRefusalsAre4xxWithOneLineAndTheServerGoesOn() throws Exception {
        try (ModelServer server = serve("linear", 8)) {
            assertEquals("127.0.0.1", server.url().getHost());
            HttpResponse<String> two = post(server, "predictions/linear", "{\"instances\": [[1, 2, 3, 4], [0, 0, 0, 0]]}");
            assertEquals(200, two.statusCode(), two.body());
            assertEquals(2, JsonParser.parseString(two.body()).getAsJsonObject().getAsJsonArray("predictions").size());
            // An untrained block has no class names: each row's answer is its two values.
            assertEquals(2, JsonParser.parseString(two.body()).getAsJsonObject().getAsJsonArray("predictions")
                    .get(0).getAsJsonArray().size());

            HttpResponse<String> notJson = post(server, "predictions/linear", "hello");
            assertEquals(400, notJson.statusCode());
            assertEquals("the body is not JSON (at line 1 column 1)", error(notJson));
            HttpResponse<String> wrongShape = post(server, "predictions/linear", "{\"instances\": [[1, 2]]}");
            assertEquals(400, wrongShape.statusCode());
            assertEquals("instances[0] has 2 numbers; the model takes 4 a row (shape [4])", error(wrongShape));
            HttpResponse<String> huge = post(server, "predictions/linear", "[" + "0,".repeat(3 << 20) + "0]");
            assertEquals(413, huge.statusCode());
            assertTrue(error(huge).startsWith("the body holds "), huge.body());
            assertEquals(404, post(server, "predictions/other", "{}").statusCode());
            assertEquals(405, get(server, "predictions/linear").statusCode());
            assertEquals(404, get(server, "nowhere").statusCode());
            assertFalse(error(get(server, "nowhere")).contains("\n"));

            assertEquals(200, post(server, "predictions/linear", "{\"instances\": [[1, 1, 1, 1]]}").statusCode());
            assertEquals("{\"status\":\"ok\",\"model\":\"linear\"}", get(server, "health").body().strip());
            JsonObject model = JsonParser.parseString(get(server, "models").body()).getAsJsonObject()
                    .getAsJsonArray("models").get(0).getAsJsonObject();
            assertEquals("djl", model.get("engine").getAsString());
            assertEquals("regressor", model.get("kind").getAsString());
            assertEquals("[4]", model.get("input_shape").toString());
        }
    }

    @Test
    void metricsCountRequestsByCodeLatenciesAndBatchesInThePrometheusTextFormat() throws Exception {
        try (ModelServer server = serve("counted", 64)) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(HTTP.sendAsync(HttpRequest.newBuilder(server.predictionsUrl())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[1, 2, 3, " + i + "]]}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : sent) {
                assertEquals(200, response.get().statusCode());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(400, post(server, "predictions/counted", "[").statusCode());
            }
            HttpResponse<String> scrape = get(server, "metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String text = scrape.body();
            assertEquals(20, value(text, "jdlab_serve_requests_total\\{code=\"200\",model=\"counted\"}"), text);
            assertEquals(3, value(text, "jdlab_serve_requests_total\\{code=\"400\",model=\"counted\"}"), text);
            assertEquals(3, value(text, "jdlab_serve_errors_total\\{code=\"400\",model=\"counted\"}"), text);
            assertEquals(23, value(text, "jdlab_serve_request_duration_seconds_count\\{model=\"counted\"}"), text);
            assertEquals(23, value(text, "jdlab_serve_request_duration_seconds_bucket\\{model=\"counted\",le=\"\\+Inf\"}"));
            assertEquals(20, value(text, "jdlab_serve_batch_size_sum\\{model=\"counted\"}"), text);
            double batches = value(text, "jdlab_serve_batch_size_count\\{model=\"counted\"}");
            assertTrue(batches >= 1 && batches <= 20, "batches: " + batches);
            assertEquals(0, value(text, "jdlab_serve_queue_depth\\{model=\"counted\"}"));
            // The scrape itself is no prediction request.
            assertEquals(0, value(text, "jdlab_serve_in_flight_requests\\{model=\"counted\"}"));
            assertEquals(0.25, value(text, "jdlab_serve_model_load_seconds\\{model=\"counted\"}"));
        }
    }

    @Test
    void stoppingEndsEveryThreadOfTheServerAndFreesItsPort() throws Exception {
        ModelServer server = serve("stopped", 8);
        int port = server.port();
        assertEquals(200, post(server, "predictions/stopped", "{\"instances\": [[1, 2, 3, 4]]}").statusCode());
        assertTrue(BatcherTest.threads(ModelServer.threadPrefix("stopped")) > 0);
        server.close();
        BatcherTest.waitUntil(() -> BatcherTest.threads(ModelServer.threadPrefix("stopped")) == 0);
        assertThrows(ConnectException.class, () -> get(server, "health"));
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNoThread() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServeOptions options = new ServeOptions("clash", "127.0.0.1", taken.getLocalPort(), null, 8,
                    Duration.ofMillis(1), 1);
            IOException failed = assertThrows(IOException.class, () -> ModelServer.start(DjlPredictor.of(block), options, 0));
            assertTrue(String.valueOf(failed.getMessage()).contains(String.valueOf(taken.getLocalPort())), failed.getMessage());
        }
        BatcherTest.waitUntil(() -> BatcherTest.threads(ModelServer.threadPrefix("clash")) == 0);
    }

    @Test
    void twoServersKeepTheirOwnCounts() throws Exception {
        try (ModelServer a = serve("a", 8); ModelServer b = serve("b", 8)) {
            post(a, "predictions/a", "{\"instances\": [[1, 2, 3, 4]]}");
            assertEquals(1, a.sample().requests());
            assertEquals(0, b.sample().requests());
        }
    }

    @Test
    void aLoadTestCountsWhatTheServerCountsAndRefusesTargetsOffLoopback() throws Exception {
        try (ModelServer server = serve("loaded", 16)) {
            LoadTestResult result = LoadTest.run(server.predictionsUrl(), 4, Duration.ofSeconds(1), 2, () -> false);
            assertEquals(0, result.errors(), result.toString());
            assertTrue(result.requests() > 0, result.toString());
            assertEquals(result.requests(), server.sample().requests());
            assertTrue(result.latencyMillis(0.5) <= result.latencyMillis(0.99));
            assertEquals(result.requests(), result.table().longColumn("requests").get(0));
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                LoadTest.run(URI.create("http://192.0.2.1:8080/predictions/x"), 1, Duration.ofSeconds(1), 1, () -> false));
        assertEquals("only loopback targets (127.0.0.1, localhost): 192.0.2.1 is not one", refused.getMessage());
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + series + " in\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
