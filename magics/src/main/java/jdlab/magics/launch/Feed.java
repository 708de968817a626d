package jdlab.magics.launch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A launch's connection to its ranks on the driver, over TCP, from threads of the kernel or other
 * JVMs alike. A rank proves it belongs to this launch by sending the feed's random token first (any
 * other connection is closed unread), then its collective address: once every rank has said its
 * own, the feed sends each the list, in rank order, and the ranks connect their ring. After that a
 * rank sends the lines it prints, as it prints them. Made on the cell's thread, so its threads print
 * to that cell.
 */
final class Feed implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HELLO = Pattern.compile("rank (\\d{1,3}) (\\S+)");

    private final ServerSocket server;
    private final String token;
    private final Consumer<String> lines;
    private final String[] addresses;
    private final Writer[] joined;
    private int joinedCount;
    private final List<Socket> ranks = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    /**
     * Listens on {@code bind}, a port of the system's choosing, for {@code workers} ranks; each line
     * they print goes to {@code lines}, one at a time.
     */
    Feed(InetAddress bind, int workers, Consumer<String> lines) throws IOException {
        this.server = new ServerSocket(0, 50, bind);
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.lines = lines;
        this.addresses = new String[workers];
        this.joined = new Writer[workers];
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
            if (!token.equals(in.readLine()) || !join(in.readLine(), rank)) {
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

    // "rank R ADDRESS": the rank's collective address; the last rank to join sends everyone the ring.
    private synchronized boolean join(String hello, Socket rank) throws IOException {
        Matcher said = HELLO.matcher(hello == null ? "" : hello);
        int r = said.matches() ? Integer.parseInt(said.group(1)) : -1;
        if (r < 0 || r >= addresses.length || addresses[r] != null) {
            return false;
        }
        addresses[r] = said.group(2);
        joined[r] = new BufferedWriter(new OutputStreamWriter(rank.getOutputStream(), StandardCharsets.UTF_8));
        if (++joinedCount == addresses.length) {
            String ring = "ring " + String.join(" ", addresses) + "\n";
            for (Writer writer : joined) {
                writer.write(ring);
                writer.flush();
            }
        }
        return true;
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
