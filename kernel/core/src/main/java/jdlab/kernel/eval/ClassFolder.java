package jdlab.kernel.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder holding the bytes of every class the cells define, as JShell compiled them (without the
 * woven interrupt checks), laid out by binary name: other JVMs load cell classes from it (Spark serves
 * it to its executors as {@code spark.repl.class.outputDir}).
 */
final class ClassFolder implements AutoCloseable {

    private final Path dir;

    ClassFolder() {
        try {
            dir = Files.createTempDirectory("jdlab-classes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Writes one class's bytes, replacing an older definition atomically: a reader never sees half a class. */
    void write(String binaryName, byte[] bytes) {
        Path target = dir.resolve(binaryName.replace('.', '/') + ".class");
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".class", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless; the kernel is closing
        }
    }
}
