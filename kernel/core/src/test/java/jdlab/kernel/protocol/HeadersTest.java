package jdlab.kernel.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private final Headers headers = new Headers();

    @Test
    void replyGoesBackToTheRequestersIdentities() {
        Message request = request(List.of("router-a".getBytes(UTF_8), "router-b".getBytes(UTF_8)));

        Message reply = headers.reply(request, "execute_reply", new JsonObject());

        assertEquals(List.of("router-a", "router-b"),
                reply.identities().stream().map(b -> new String(b, UTF_8)).toList());
    }

    @Test
    void replyCarriesTheRequestHeaderAsItsParent() {
        Message request = request(List.of());

        Message reply = headers.reply(request, "execute_reply", new JsonObject());

        assertEquals(request.header(), reply.parentHeader());
    }

    @Test
    void replyHeaderNamesItsOwnTypeAndProtocolVersion() {
        JsonObject header = headers.reply(request(List.of()), "execute_reply", new JsonObject()).header();

        assertEquals("execute_reply", header.get("msg_type").getAsString());
        assertEquals("5.3", header.get("version").getAsString());
        assertNotEquals("req-1", header.get("msg_id").getAsString());
    }

    @Test
    void dateHasMicrosecondsAndEndsInZ() {
        Instant before = Instant.now();
        String date = headers.broadcast(new JsonObject(), "status", new JsonObject()).header().get("date").getAsString();

        assertTrue(date.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z"), date);
        Duration skew = Duration.between(before, Instant.parse(date)).abs();
        assertTrue(skew.compareTo(Duration.ofMinutes(1)) < 0, "date is not now: " + date);
    }

    @Test
    void everyMessageGetsAFreshIdButTheSameSession() {
        JsonObject first = headers.broadcast(new JsonObject(), "status", new JsonObject()).header();
        JsonObject second = headers.broadcast(new JsonObject(), "status", new JsonObject()).header();

        assertNotEquals(first.get("msg_id"), second.get("msg_id"));
        assertEquals(first.get("session"), second.get("session"));
    }

    @Test
    void broadcastIsTopicedByItsTypeAndCarriesTheParent() {
        JsonObject parent = request(List.of()).header();

        Message stream = headers.broadcast(parent, "stream", new JsonObject());

        assertEquals(List.of("stream"), stream.identities().stream().map(b -> new String(b, UTF_8)).toList());
        assertEquals(parent, stream.parentHeader());
        assertEquals("stream", stream.type());
    }

    private static Message request(List<byte[]> identities) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", "req-1");
        header.addProperty("msg_type", "execute_request");
        header.addProperty("session", "client-session");
        return new Message(identities, header, new JsonObject(), new JsonObject(), new JsonObject(), List.of(), 1L);
    }
}
