package jdlab.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written whole or not at all: the bytes go to a temporary file in the target's folder,
 * forced to disk; only {@link #commit()} renames it over the target. Until then the old file is
 * untouched, and closing without committing deletes the temporary file.
 */
final class AtomicFile implements AutoCloseable {

    /** What is written; it may fail half-way. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path temporary;
    private boolean committed;

    private AtomicFile(Path target, Path temporary) {
        this.target = target;
        this.temporary = temporary;
    }

    static AtomicFile write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder);
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + " is a folder; name a file");
        }
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        AtomicFile file = new AtomicFile(absolute, temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /** The written bytes, not yet in place: to check before committing. */
    Path temporary() {
        return temporary;
    }

    Path commit() throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
        return target;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temporary);
        }
    }
}
