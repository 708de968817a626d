package jdlab.magics.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The lines a launch's ranks print, sent to the driver over TCP as they are printed, from threads
 * of the kernel or other JVMs alike. A rank proves it belongs to this launch by sending the feed's
 * random token first; any other connection is closed unread. Made on the cell's thread, so its
 * threads print to that cell.
 */
final class Feed implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSocket server;
    private final String token;
    private final Consumer<String> lines;
    private final List<Socket> ranks = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    /** Listens on {@code bind}, a port of the system's choosing; each line goes to {@code lines}, one at a time. */
    Feed(InetAddress bind, Consumer<String> lines) throws IOException {
        this.server = new ServerSocket(0, 50, bind);
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.lines = lines;
        Thread acceptor = new Thread(this::accept, "jdlab-launch-feed");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code host:port}, for the ranks. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    String token() {
        return token;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket rank = server.accept();
                ranks.add(rank);
                Thread reader = new Thread(() -> read(rank), "jdlab-launch-feed-rank");
                reader.setDaemon(true);
                readers.add(reader);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket rank) {
        try (rank; BufferedReader in = new BufferedReader(new InputStreamReader(rank.getInputStream(), StandardCharsets.UTF_8))) {
            if (!token.equals(in.readLine())) {
                return;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.accept(line);
                }
            }
        } catch (IOException e) {
            // the rank went away: what it sent before is shown
        }
    }

    /** Stops listening, lets the ranks' last lines arrive (a few seconds at most), then closes their connections. */
    @Override
    public void close() throws IOException {
        server.close();
        long until = System.nanoTime() + DRAIN.toNanos();
        for (Thread reader : readers) {
            try {
                reader.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Socket rank : ranks) {
            rank.close();
        }
    }
}
