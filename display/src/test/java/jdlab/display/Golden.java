package jdlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file under {@code src/test/resources/golden/}, exactly; run with
 * {@code -Djdlab.regenerateGolden=true} to write the files anew from the output, then review the diff.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    /** Asserts that {@code actual} is the golden file's text, or writes it there when regenerating. */
    public static void assertMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("jdlab.regenerateGolden")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden file " + file + "; write it with -Djdlab.regenerateGolden=true");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
