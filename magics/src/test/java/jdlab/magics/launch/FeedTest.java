package jdlab.magics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's end of a launch, over real loopback sockets: the token, the address swap, the lines. */
class FeedTest {

    @Test
    void ranksThatJoinWithTheTokenLearnEveryAddressInRankOrderAndTheirLinesArePassedOn() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Feed feed = new Feed(InetAddress.getLoopbackAddress(), 2, lines::add);
             Rank one = new Rank(feed, feed.token()); Rank zero = new Rank(feed, feed.token())) {
            one.say("rank 1 10.0.0.2:7001");
            zero.say("rank 0 10.0.0.1:7000");
            assertEquals("ring 10.0.0.1:7000 10.0.0.2:7001", zero.read());
            assertEquals("ring 10.0.0.1:7000 10.0.0.2:7001", one.read());
            zero.say("[rank 0] hello");
            one.say("[rank 1] hello");
        }
        assertEquals(List.of("[rank 0] hello", "[rank 1] hello"), lines.stream().sorted().toList(),
                "closing the feed lets the last lines arrive");
    }

    @Test
    void aConnectionWithoutTheTokenIsClosedUnreadAndARankCannotJoinTwice() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Feed feed = new Feed(InetAddress.getLoopbackAddress(), 1, lines::add);
             Rank stranger = new Rank(feed, "0123"); Rank first = new Rank(feed, feed.token());
             Rank again = new Rank(feed, feed.token())) {
            stranger.say("rank 0 10.0.0.9:1");
            stranger.say("[rank 0] injected");
            assertNull(stranger.read(), "closed");
            first.say("rank 0 10.0.0.1:7000");
            assertEquals("ring 10.0.0.1:7000", first.read(), "the one rank has joined");
            again.say("rank 0 10.0.0.3:7003");
            assertNull(again.read(), "a second rank 0 is closed");
        }
        assertEquals(List.of(), lines);
    }

    /** A rank's end of the connection, as DriverLink speaks it. */
    private static final class Rank implements AutoCloseable {
        private final Socket socket;
        private final PrintWriter out;
        private final BufferedReader in;

        Rank(Feed feed, String token) throws IOException {
            String[] address = feed.address().split(":");
            socket = new Socket(address[0], Integer.parseInt(address[1]));
            socket.setSoTimeout(10_000);
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            say(token);
        }

        void say(String line) {
            out.println(line);
        }

        String read() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
