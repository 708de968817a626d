package jdlab.kernel.protocol;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecTest {

    private static final String KEY = "9b2e7c41-0f3a-4d8e-a1b6-5c7d9e0f2a3b";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(US_ASCII);
    /** Where the signature sits in the frames {@link #signed} makes: right after the delimiter. */
    private static final int SIGNATURE = 1;

    private final WireCodec codec = new WireCodec(TestSigners.forKey(KEY));

    @Test
    void decodingWhatWasEncodedGivesBackEveryPart() throws Exception {
        Message sent = new Message(
                List.of(bytes("router-id-1"), new byte[] {0, (byte) 0xFF, 7}),
                header("execute_request", "m-1"),
                header("kernel_info_request", "m-0"),
                object("cellId", "c-42"),
                content(),
                List.of(new byte[] {1, 2, 3}, new byte[0], bytes("é")),
                0);

        Message received = codec.decode(codec.encode(sent), 1234L);

        assertEquals(hex(sent.identities()), hex(received.identities()));
        assertEquals(sent.header(), received.header());
        assertEquals(sent.parentHeader(), received.parentHeader());
        assertEquals(sent.metadata(), received.metadata());
        assertEquals(sent.content(), received.content());
        assertEquals(hex(sent.buffers()), hex(received.buffers()));
        assertEquals(1234L, received.receivedNanos());
        assertEquals("execute_request", received.type());
    }

    @Test
    void encodesIdentitiesDelimiterSignatureFourJsonFramesThenBuffers() {
        Message message = new Message(List.of(bytes("id")), header("status", "m-2"), new JsonObject(),
                new JsonObject(), object("execution_state", "idle"), List.of(bytes("buf")), 0);

        List<byte[]> frames = codec.encode(message);

        assertEquals(8, frames.size());
        assertEquals("id", text(frames.get(0)));
        assertEquals("<IDS|MSG>", text(frames.get(1)));
        assertEquals(TestSigners.expectedSignature(KEY, frames.get(3), frames.get(4), frames.get(5), frames.get(6)),
                text(frames.get(2)));
        assertEquals("{}", text(frames.get(4)));
        assertEquals("{}", text(frames.get(5)));
        assertEquals("{\"execution_state\":\"idle\"}", text(frames.get(6)));
        assertEquals("buf", text(frames.get(7)));
    }

    @Test
    void writesHtmlCharactersAndNonAsciiAsTheyAre() {
        JsonObject content = object("text", "<b>é & 😀</b>");
        Message message = new Message(List.of(), header("stream", "m-3"), new JsonObject(), new JsonObject(),
                content, List.of(), 0);

        List<byte[]> frames = codec.encode(message);

        assertEquals("{\"text\":\"<b>é & 😀</b>\"}", text(frames.get(5)));
    }

    /** One way a message can be wrong, and a word the rejection must name. */
    record Case(String description, List<byte[]> frames, String reason) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> malformedMessages() {
        String goodHeader = "{\"msg_id\":\"m-1\",\"msg_type\":\"execute_request\"}";
        return Stream.of(
                new Case("a flipped signature byte",
                        edit(signed(goodHeader, "{}", "{}", "{}"), f -> flipFirstByte(f, SIGNATURE)), "signature"),
                new Case("a signature made with another key",
                        signedWith("another-key", goodHeader, "{}", "{}", "{}"), "signature"),
                new Case("an empty signature while a key is set",
                        edit(signed(goodHeader, "{}", "{}", "{}"), f -> { f.set(SIGNATURE, new byte[0]); return f; }), "signature"),
                new Case("no delimiter",
                        edit(signed(goodHeader, "{}", "{}", "{}"), f -> { f.remove(0); return f; }), "delimiter"),
                new Case("no frames at all", List.of(), "delimiter"),
                new Case("too few frames after the delimiter",
                        edit(signed(goodHeader, "{}", "{}", "{}"), f -> { f.remove(f.size() - 1); return f; }), "frames"),
                new Case("a header that is not JSON", signed("{\"msg_id\": ", "{}", "{}", "{}"), "header"),
                new Case("content that is not JSON", signed(goodHeader, "{}", "{}", "]["), "content"),
                new Case("a header that is a JSON array", signed("[\"msg_type\"]", "{}", "{}", "{}"), "header"),
                new Case("content that is a JSON array", signed(goodHeader, "{}", "{}", "[1, 2]"), "content"),
                new Case("a parent header that is a JSON string", signed(goodHeader, "\"x\"", "{}", "{}"), "parent_header"),
                new Case("metadata nested deeper than any parser allows",
                        signed(goodHeader, "{}", "[".repeat(100_000), "{}"), "metadata"),
                new Case("a header without msg_type", signed("{\"msg_id\":\"m-1\"}", "{}", "{}", "{}"), "msg_type"),
                new Case("a header whose msg_type is a number",
                        signed("{\"msg_id\":\"m-1\",\"msg_type\":5}", "{}", "{}", "{}"), "msg_type"),
                new Case("a header without msg_id",
                        signed("{\"msg_type\":\"execute_request\"}", "{}", "{}", "{}"), "msg_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMessages")
    void rejectsAMalformedMessageSayingWhy(Case malformed) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> codec.decode(malformed.frames(), 0));

        assertTrue(e.getMessage().contains(malformed.reason()),
                () -> "expected the reason to name '" + malformed.reason() + "' but it was: " + e.getMessage());
    }

    @Test
    void withAnEmptyKeyAcceptsUnsignedMessages() throws Exception {
        WireCodec unsigned = new WireCodec(TestSigners.forKey(""));
        List<byte[]> frames = List.of(bytes("id"), DELIMITER, new byte[0],
                bytes("{\"msg_id\":\"m-1\",\"msg_type\":\"kernel_info_request\"}"), bytes("{}"), bytes("{}"), bytes("{}"));

        Message message = unsigned.decode(frames, 0);

        assertEquals("kernel_info_request", message.type());
    }

    @Test
    void withAnEmptyKeySendsAnEmptySignature() {
        WireCodec unsigned = new WireCodec(TestSigners.forKey(""));
        Message message = new Message(List.of(), header("status", "m-2"), new JsonObject(), new JsonObject(),
                new JsonObject(), List.of(), 0);

        assertEquals(0, unsigned.encode(message).get(1).length);
    }

    @Test
    void keepsTheRoutingFramesBeforeTheDelimiterAsIdentities() throws Exception {
        List<byte[]> frames = new ArrayList<>(List.of(bytes("client")));
        frames.addAll(signed("{\"msg_id\":\"m-1\",\"msg_type\":\"execute_request\"}", "{}", "{}", "{}"));

        Message message = codec.decode(frames, 0);

        assertEquals(List.of("client"), message.identities().stream().map(WireCodecTest::text).toList());
    }

    private static List<byte[]> signed(String header, String parent, String metadata, String content) {
        return signedWith(KEY, header, parent, metadata, content);
    }

    private static List<byte[]> signedWith(String key, String header, String parent, String metadata, String content) {
        byte[] h = bytes(header);
        byte[] p = bytes(parent);
        byte[] m = bytes(metadata);
        byte[] c = bytes(content);
        return List.of(DELIMITER, bytes(TestSigners.expectedSignature(key, h, p, m, c)), h, p, m, c);
    }

    private static List<byte[]> edit(List<byte[]> frames, UnaryOperator<List<byte[]>> change) {
        return change.apply(new ArrayList<>(frames));
    }

    private static List<byte[]> flipFirstByte(List<byte[]> frames, int index) {
        byte[] copy = frames.get(index).clone();
        copy[0] ^= 1;
        frames.set(index, copy);
        return frames;
    }

    private static JsonObject header(String type, String id) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", id);
        h.addProperty("msg_type", type);
        h.addProperty("session", "s-1");
        h.addProperty("username", "tester");
        h.addProperty("date", "2024-05-01T12:00:00.123456Z");
        h.addProperty("version", "5.3");
        return h;
    }

    private static JsonObject content() {
        JsonObject c = object("code", "System.out.println(\"é€😀\");");
        c.addProperty("silent", false);
        c.addProperty("count", 3);
        JsonArray list = new JsonArray();
        list.add(1.5);
        list.add("two");
        c.add("nested", list);
        return c;
    }

    private static JsonObject object(String field, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(field, value);
        return o;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    private static List<String> hex(List<byte[]> frames) {
        return frames.stream().map(HexFormat.of()::formatHex).toList();
    }
}
