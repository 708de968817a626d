package jdlab.launch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A rank's connection to the launch's feed on the driver: it joins with the launch's token, learns
 * the other ranks' collective addresses from the driver (which answers once every rank has said its
 * own: a few milliseconds, where Spark's barrier all-gather polls once a second), then sends the
 * lines the rank prints.
 */
final class DriverLink implements AutoCloseable {

    private static final int POLL_MILLIS = 200;

    private final Socket socket;
    private final Writer out;
    private final BufferedReader in;

    private DriverLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Connects to the feed at {@code host:port} and joins it with {@code token}. */
    static DriverLink join(String feed, String token, Duration timeout) throws IOException {
        int colon = feed.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(feed.substring(0, colon), Integer.parseInt(feed.substring(colon + 1))),
                    (int) timeout.toMillis());
            DriverLink link = new DriverLink(socket);
            link.send(token);
            return link;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Says this rank's collective address and waits for every rank's, in rank order; a Spark
     * cancel (an interrupt) or {@code timeout} ends the wait.
     */
    List<String> ring(int rank, String address, Duration timeout) throws IOException, InterruptedException {
        send("rank " + rank + " " + address);
        socket.setSoTimeout(POLL_MILLIS);
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                String line = in.readLine();
                if (line == null || !line.startsWith("ring ")) {
                    throw new IOException("the driver closed the launch before every rank joined");
                }
                return Arrays.asList(line.substring(5).split(" "));
            } catch (SocketTimeoutException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("cancelled while waiting for the other ranks");
                }
                if (System.nanoTime() > until) {
                    throw new IOException("the other ranks did not join within " + timeout.toSeconds() + " s");
                }
            }
        }
    }

    /** Sends one line, whole, to the driver. */
    void send(String line) {
        try {
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the notebook's connection failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
