package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadMagicTest {

    @TempDir
    Path dir;

    @Test
    void aNameWithoutExtensionTriesJshJshellJavaThenIpynbAsIJavaDoes() throws IOException {
        Path name = dir.resolve("imports");
        Files.writeString(dir.resolve("imports.ipynb"), "{}");
        assertEquals(dir.resolve("imports.ipynb"), LoadMagic.withExtension(name));
        Files.writeString(dir.resolve("imports.java"), "");
        assertEquals(dir.resolve("imports.java"), LoadMagic.withExtension(name));
        Files.writeString(dir.resolve("imports.jshell"), "");
        assertEquals(dir.resolve("imports.jshell"), LoadMagic.withExtension(name));
        Files.writeString(dir.resolve("imports.jsh"), "");
        assertEquals(dir.resolve("imports.jsh"), LoadMagic.withExtension(name));
    }

    @Test
    void aFileOfThatExactNameIsTakenAsItIs() throws IOException {
        Files.writeString(dir.resolve("imports"), "");
        Files.writeString(dir.resolve("imports.jsh"), "");
        assertEquals(dir.resolve("imports"), LoadMagic.withExtension(dir.resolve("imports")));
    }

    @Test
    void aMissingNameSaysWhichExtensionsWereTried() {
        UsageException e = assertThrows(UsageException.class, () -> LoadMagic.withExtension(dir.resolve("nothing")));
        assertEquals("%load: no such file: " + dir.resolve("nothing") + " (nor with .jsh, .jshell, .java, .ipynb)",
                e.getMessage());
    }
}
