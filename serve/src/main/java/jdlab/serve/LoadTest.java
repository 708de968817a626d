package jdlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A load generator: C clients, each sending one prediction request after another for a while, with the
 * JDK's HTTP client. Only loopback targets: it is for the notebook's own servers, not for the network.
 */
public final class LoadTest {

    public static final int MOST_CLIENTS = 256;
    public static final int LONGEST_SECONDS = 600;
    public static final int MOST_ROWS = 1024;
    /** The most requests one run sends, whatever its length: the latencies it keeps stay a few MB. */
    public static final long MOST_REQUESTS = 2_000_000;

    private LoadTest() {
    }

    /**
     * Sends requests of {@code rows} rows of random numbers to {@code predictions} (a
     * {@code /predictions/NAME} address) from {@code clients} threads for {@code length}, or until
     * {@code interrupted}.
     */
    public static LoadTestResult run(URI predictions, int clients, Duration length, int rows, BooleanSupplier interrupted)
            throws IOException, InterruptedException {
        if (clients < 1 || clients > MOST_CLIENTS) {
            throw new IllegalArgumentException("the clients must be 1 to " + MOST_CLIENTS + ", not " + clients);
        }
        if (length.isNegative() || length.isZero() || length.toSeconds() > LONGEST_SECONDS) {
            throw new IllegalArgumentException("the duration must be above 0 and at most " + LONGEST_SECONDS + " s");
        }
        if (rows < 1 || rows > MOST_ROWS) {
            throw new IllegalArgumentException("the rows a request must be 1 to " + MOST_ROWS + ", not " + rows);
        }
        requireLoopback(predictions);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(predictions).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(rows, width(http, predictions)))).build();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Client> clientList = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(http, request, end, sent, interrupted);
            Thread thread = new Thread(client, "jdlab-loadtest-" + (i + 1));
            thread.setDaemon(true);
            clientList.add(client);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = clientList.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
        long errors = clientList.stream().mapToLong(c -> c.errors).sum();
        String firstError = clientList.stream().map(c -> c.firstError).filter(e -> e != null).findFirst().orElse(null);
        return new LoadTestResult(predictions, clients, rows, seconds, latencies, errors, firstError);
    }

    private static void requireLoopback(URI target) throws IOException {
        if (!"http".equals(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("give an http:// address, not " + target);
        }
        if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback targets (127.0.0.1, localhost): " + target.getHost()
                    + " is not one");
        }
    }

    // How many numbers a row holds, from the server's GET /models: the model whose url is the target's path.
    private static int width(HttpClient http, URI predictions) throws IOException, InterruptedException {
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(predictions.resolve("/models"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (models.statusCode() != 200) {
            throw new IOException("GET /models of " + predictions + " answered " + models.statusCode());
        }
        for (JsonElement model : JsonParser.parseString(models.body()).getAsJsonObject().getAsJsonArray("models")) {
            JsonObject described = model.getAsJsonObject();
            if (predictions.getPath().equals(described.get("url").getAsString())) {
                long width = 1;
                for (JsonElement d : described.getAsJsonArray("input_shape")) {
                    width *= d.getAsLong();
                }
                return Math.toIntExact(width);
            }
        }
        throw new IOException(predictions + " serves no model at " + predictions.getPath() + "; GET /models lists them");
    }

    private static String body(int rows, int width) {
        Random random = new Random(0);
        JsonObject body = new JsonObject();
        JsonArray instances = new JsonArray(rows);
        for (int r = 0; r < rows; r++) {
            JsonArray row = new JsonArray(width);
            for (int i = 0; i < width; i++) {
                row.add(random.nextFloat());
            }
            instances.add(row);
        }
        body.add("instances", instances);
        return body.toString();
    }

    /** One client: a request, its answer, the next, until the end; its latencies in nanoseconds. */
    private static final class Client implements Runnable {
        private final HttpClient http;
        private final HttpRequest request;
        private final long end;
        private final AtomicLong sent;
        private final BooleanSupplier interrupted;
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private String firstError;

        Client(HttpClient http, HttpRequest request, long end, AtomicLong sent, BooleanSupplier interrupted) {
            this.http = http;
            this.request = request;
            this.end = end;
            this.sent = sent;
            this.interrupted = interrupted;
        }

        @Override
        public void run() {
            while (System.nanoTime() < end && !interrupted.getAsBoolean() && sent.incrementAndGet() <= MOST_REQUESTS) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        error(answer.statusCode() + " " + answer.body().strip());
                        continue;
                    }
                } catch (IOException e) {
                    error(Api.firstLine(e));
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - start;
            }
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }
}
