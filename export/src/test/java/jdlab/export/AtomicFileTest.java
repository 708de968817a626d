package jdlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path target = folder.resolve("model.onnx");
        Files.writeString(target, "old model");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("half a new mo".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old model", Files.readString(target));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aCommittedFileReplacesTheOldOne() throws IOException {
        Path target = folder.resolve("model.onnx");
        Files.writeString(target, "old model");
        try (AtomicFile file = AtomicFile.write(target, out -> out.write("new model".getBytes(StandardCharsets.UTF_8)))) {
            assertEquals("old model", Files.readString(target));
            file.commit();
        }
        assertEquals("new model", Files.readString(target));
    }

    @Test
    void anUncommittedFileIsDeletedOnClose() throws IOException {
        Path target = folder.resolve("model.onnx");
        try (AtomicFile file = AtomicFile.write(target, out -> out.write(1))) {
            assertEquals(1, Files.size(file.temporary()));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }
}
