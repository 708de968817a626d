package jdlab.kernel.io;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps every chunk a {@link CellStreams} publishes; safe to share with the flush timer. */
final class RecordingSink implements CellStreams.Sink {

    record Chunk(String name, String text) { }

    private final List<Chunk> chunks = new ArrayList<>();

    @Override
    public synchronized void stream(String name, String text) {
        chunks.add(new Chunk(name, text));
    }

    synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    /** Everything published on one stream, joined. */
    synchronized String text(String name) {
        return chunks.stream().filter(c -> c.name().equals(name)).map(Chunk::text).collect(Collectors.joining());
    }
}
