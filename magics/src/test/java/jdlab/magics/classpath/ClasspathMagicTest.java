package jdlab.magics.classpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathMagicTest {

    @TempDir
    Path dir;

    @Test
    void aGlobExpandsToTheMatchingJarsInOrder() throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")),
                ClasspathMagic.expand("%classpath", dir + "/*.jar"));
    }

    @Test
    void aMissingPathIsAOneLineErrorNamingIt() {
        UsageException e = assertThrows(UsageException.class,
                () -> ClasspathMagic.expand("%classpath", dir + "/missing.jar"));
        assertEquals("%classpath: no such jar or folder: " + dir.resolve("missing.jar"), e.getMessage());
    }

    @Test
    void jarsNamesItselfInItsErrors() {
        UsageException e = assertThrows(UsageException.class, () -> ClasspathMagic.expand("%jars", dir + "/missing.jar"));
        assertEquals("%jars: no such jar or folder: " + dir.resolve("missing.jar"), e.getMessage());
    }

    @Test
    void aGlobThatMatchesNothingIsAnError() {
        assertThrows(UsageException.class, () -> ClasspathMagic.expand("%classpath", dir + "/*.jar"));
    }
}
