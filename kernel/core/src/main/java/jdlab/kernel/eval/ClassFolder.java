package jdlab.kernel.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder holding the bytes of every class the cells define, as JShell compiled them (without the
 * woven interrupt checks), laid out by binary name: other JVMs load cell classes from it (Spark serves
 * it to its executors as {@code spark.repl.class.outputDir}).
 *
 * <p>Most sessions never launch: until the folder is first asked for, the bytes wait in memory and
 * nothing touches the disk, so a cell costs no file writes and a kernel leaves no folder behind.
 */
final class ClassFolder implements AutoCloseable {

    private final Map<String, byte[]> waiting = new LinkedHashMap<>();
    private Path dir;

    /** The folder, made (with every class so far) on the first call and removed when the kernel exits. */
    synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("jdlab-classes");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The kernel leaves through System.exit, at shutdown and at restart.
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "jdlab-class-folder-removal"));
            waiting.forEach(this::writeFile);
            waiting.clear();
        }
        return dir;
    }

    /** Keeps one class's bytes, replacing an older definition. */
    synchronized void write(String binaryName, byte[] bytes) {
        if (dir == null) {
            waiting.put(binaryName, bytes);
        } else {
            writeFile(binaryName, bytes);
        }
    }

    // Atomically: an executor fetching the class never reads half of it.
    private void writeFile(String binaryName, byte[] bytes) {
        Path target = dir.resolve(binaryName.replace('.', '/') + ".class");
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".class", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public synchronized void close() {
        waiting.clear();
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // gone already, or a temp folder left behind: harmless, the kernel is closing
        }
    }
}
