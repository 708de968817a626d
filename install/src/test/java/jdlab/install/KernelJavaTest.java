package jdlab.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelJavaTest {

    private static final Path JAVA = Path.of("/opt/jdk/bin/java");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "    java.specification.version = 25      | 25",
        "    java.specification.version = 17      | 17",
        "    java.specification.version = 1.8     | 8",
        "    java.specification.vendor = Oracle   | -1",
        "Error: Could not create the Java VM.     | -1"})
    void readsTheFeatureVersionFromTheSettingsJavaPrints(String line, int feature) {
        assertEquals(feature, KernelJava.featureIn("Property settings:\n" + line + "\n    java.vendor = X\n"));
    }

    @Test
    void theInstallersOwnJavaIsTheOneRunningIt() throws Exception {
        KernelJava current = KernelJava.current();
        assertEquals(Runtime.version().feature(), current.feature());
        assertEquals(current, KernelJava.of(current.executable()));
    }

    @Test
    void aJavaOlderThan17IsRefusedInOneLine() {
        var refused = assertThrows(KernelJava.UnusableJavaException.class, () -> new KernelJava(JAVA, 11).requireSupported());
        assertEquals("/opt/jdk/bin/java is Java 11; jdlab needs Java 17 or later (--java PATH picks another)", refused.getMessage());
    }

    @Test
    void aPathThatIsNoJavaIsRefusedInOneLine() {
        assertEquals("--java /nowhere/java: no such executable file",
                assertThrows(KernelJava.UnusableJavaException.class, () -> KernelJava.of(Path.of("/nowhere/java"))).getMessage());
        assertEquals("--java /bin/true: not a Java launcher (it did not report java.specification.version)",
                assertThrows(KernelJava.UnusableJavaException.class, () -> KernelJava.of(Path.of("/bin/true"))).getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "17, jdlab.jsa, -XX:ArchiveClassesAtExit=/k/jdlab.jsa, -XX:SharedArchiveFile=/k/jdlab.jsa",
        "21, jdlab.jsa, -XX:ArchiveClassesAtExit=/k/jdlab.jsa, -XX:SharedArchiveFile=/k/jdlab.jsa",
        "25, jdlab.aot, -XX:AOTCacheOutput=/k/jdlab.aot, -XX:AOTCache=/k/jdlab.aot"})
    void recordsAClassDataArchiveBefore25AndAnAheadOfTimeCacheFrom25(int feature, String name, String record, String use) {
        KernelJava java = new KernelJava(JAVA, feature);
        Path archive = Path.of("/k").resolve(java.archiveName());
        assertEquals(name, java.archiveName());
        assertEquals(record, java.recordArchive(archive));
        assertEquals(use, java.useArchive(archive));
    }
}
