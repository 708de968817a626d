package jdlab.kernel.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CellStreamsTest {

    private final RecordingSink sink = new RecordingSink();

    @Test
    void flushSendsStdoutAndStderrAsSeparateChunks() {
        CellStreams streams = new CellStreams(sink, 1000);
        write(streams, false, "out 1\n");
        write(streams, true, "err 1\n");
        write(streams, false, "out 2\n");

        streams.flush();

        assertEquals(List.of(new RecordingSink.Chunk("stdout", "out 1\nout 2\n"), new RecordingSink.Chunk("stderr", "err 1\n")),
                sink.chunks());
    }

    @Test
    void flushSendsNothingWhenNothingWasWritten() {
        new CellStreams(sink, 1000).flush();

        assertEquals(List.of(), sink.chunks());
    }

    @Test
    void flushSendsOnlyWhatCameSinceTheLastFlush() {
        CellStreams streams = new CellStreams(sink, 1000);
        write(streams, false, "first");
        streams.flush();
        write(streams, false, "second");

        streams.flush();

        assertEquals(List.of(new RecordingSink.Chunk("stdout", "first"), new RecordingSink.Chunk("stdout", "second")),
                sink.chunks());
    }

    @Test
    void keepsTheFirstLimitBytesAndDropsTheRest() {
        CellStreams streams = new CellStreams(sink, 10);
        write(streams, false, "0123456");
        write(streams, false, "789abc\ndef\n");

        streams.flush();

        assertEquals("0123456789", sink.text("stdout"));
    }

    @Test
    void stdoutAndStderrShareOneCap() {
        CellStreams streams = new CellStreams(sink, 6);
        write(streams, false, "abcd");
        write(streams, true, "efgh");

        streams.flush();

        assertEquals("abcd", sink.text("stdout"));
        assertEquals("ef", sink.text("stderr"));
    }

    @Test
    void finishCountsDroppedBytesAndLinesAndNamesTheProperty() {
        CellStreams streams = new CellStreams(sink, 4);
        write(streams, false, "ab\ncd\nef\ngh\n");

        streams.finish();

        String note = sink.text("stderr");
        assertTrue(note.contains("8 more bytes (3 lines)"), note);
        assertTrue(note.contains("jdlab.output.limit"), note);
        assertEquals("ab\nc", sink.text("stdout"));
    }

    @Test
    void finishAddsNoNoteWhenNothingWasDropped() {
        CellStreams streams = new CellStreams(sink, 100);
        write(streams, false, "fits\n");

        streams.finish();

        assertEquals(List.of(new RecordingSink.Chunk("stdout", "fits\n")), sink.chunks());
    }

    @Test
    void aCharacterSplitAcrossTwoWritesComesOutWhole() {
        CellStreams streams = new CellStreams(sink, 1000);
        byte[] euro = "€".getBytes(UTF_8);
        byte[] head = {'a', euro[0], euro[1]};
        byte[] tail = {euro[2], 'b'};

        streams.write(false, head, 0, head.length);
        streams.flush();
        streams.write(false, tail, 0, tail.length);
        streams.flush();

        assertEquals(List.of(new RecordingSink.Chunk("stdout", "a"), new RecordingSink.Chunk("stdout", "€b")), sink.chunks());
    }

    @Test
    void writesOnlyTheGivenSliceOfTheArray() {
        CellStreams streams = new CellStreams(sink, 1000);
        byte[] bytes = "xxhelloxx".getBytes(UTF_8);

        streams.write(false, bytes, 2, 5);
        streams.flush();

        assertEquals("hello", sink.text("stdout"));
    }

    static Stream<Arguments> limitSettings() {
        return Stream.of(
                Arguments.of("123", 123L),
                Arguments.of(" 42 ", 42L),
                Arguments.of("lots", CellStreams.DEFAULT_LIMIT),
                Arguments.of(null, CellStreams.DEFAULT_LIMIT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("limitSettings")
    void readsTheCapFromTheSystemPropertyOrFallsBackToTheDefault(String setting, long expected) {
        String saved = System.getProperty(CellStreams.LIMIT_PROPERTY);
        try {
            if (setting == null) {
                System.clearProperty(CellStreams.LIMIT_PROPERTY);
            } else {
                System.setProperty(CellStreams.LIMIT_PROPERTY, setting);
            }
            assertEquals(expected, CellStreams.configuredLimit());
        } finally {
            if (saved == null) {
                System.clearProperty(CellStreams.LIMIT_PROPERTY);
            } else {
                System.setProperty(CellStreams.LIMIT_PROPERTY, saved);
            }
        }
    }

    private static void write(CellStreams streams, boolean error, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        streams.write(error, bytes, 0, bytes.length);
    }
}
