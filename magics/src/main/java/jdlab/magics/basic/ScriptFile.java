package jdlab.magics.basic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;

/** Reads the file a magic was pointed at, with a one-line error naming the absolute path when it is not there. */
final class ScriptFile {

    private ScriptFile() {
    }

    static String read(ArgSpec magic, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        try {
            return Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(magic.invocation() + ": no such file: " + absolute);
        }
    }
}
