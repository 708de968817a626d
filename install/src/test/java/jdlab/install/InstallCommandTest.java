package jdlab.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InstallCommandTest {

    @TempDir
    Path prefix;

    private int jdlab(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    private JsonObject kernelJson(String name) throws IOException {
        Path file = prefix.resolve("share/jupyter/kernels").resolve(name).resolve("kernel.json");
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            out.add(e.getAsString());
        }
        return out;
    }

    @Test
    void installWritesAKernelspecUnderThePrefixWithTheGivenName() throws IOException {
        assertEquals(0, jdlab("install", "--prefix", prefix.toString(), "--name", "java-lab"));
        Path dir = prefix.resolve("share/jupyter/kernels/java-lab");
        assertTrue(Files.exists(dir.resolve("kernel.json")));
        assertTrue(Files.exists(dir.resolve("logo-32x32.png")));
        assertTrue(Files.exists(dir.resolve("logo-64x64.png")));
    }

    @Test
    void kernelJsonKeepsFreedNativeMemoryInTheHeap() throws IOException {
        jdlab("install", "--prefix", prefix.toString(), "--name", "java-lab");
        var env = kernelJson("java-lab").getAsJsonObject("env");
        assertEquals("33554432", env.get("MALLOC_MMAP_THRESHOLD_").getAsString());
        assertEquals("134217728", env.get("MALLOC_TRIM_THRESHOLD_").getAsString());
    }

    @Test
    void kernelJsonHoldsAbsolutePathsAndOnlyTheConnectionFilePlaceholder() throws IOException {
        jdlab("install", "--prefix", prefix.toString(), "--name", "java-lab");
        List<String> argv = strings(kernelJson("java-lab").getAsJsonArray("argv"));
        assertTrue(Path.of(argv.get(0)).isAbsolute(), argv.get(0));
        assertTrue(Files.isExecutable(Path.of(argv.get(0))), argv.get(0));
        String jar = argv.get(argv.indexOf("-jar") + 1);
        assertTrue(Path.of(jar).isAbsolute() && Files.exists(Path.of(jar)), jar);
        assertEquals(List.of("kernel", "{connection_file}"), argv.subList(argv.size() - 2, argv.size()));
        argv.subList(0, argv.size() - 1).forEach(a -> assertFalse(a.contains("{"), a));
    }

    @Test
    void kernelJsonDeclaresJavaAndMessageInterrupts() throws IOException {
        jdlab("install", "--prefix", prefix.toString(), "--display-name", "Java 17");
        JsonObject spec = kernelJson("jdlab");
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("Java 17", spec.get("display_name").getAsString());
    }

    @Test
    void javaOptionsGoBeforeTheJar() throws IOException {
        jdlab("install", "--prefix", prefix.toString(), "--java-option=-Xmx3g", "--java-option=-Dx=y");
        List<String> argv = strings(kernelJson("jdlab").getAsJsonArray("argv"));
        int jar = argv.indexOf("-jar");
        assertTrue(argv.indexOf("-Xmx3g") > 0 && argv.indexOf("-Xmx3g") < jar, argv.toString());
        assertTrue(argv.indexOf("-Dx=y") > 0 && argv.indexOf("-Dx=y") < jar, argv.toString());
    }

    @Test
    void uninstallRemovesTheKernelspecAndSaysSoWhenItIsMissing() {
        jdlab("install", "--prefix", prefix.toString());
        assertEquals(0, jdlab("uninstall", "--prefix", prefix.toString()));
        assertFalse(Files.exists(prefix.resolve("share/jupyter/kernels/jdlab")));
        assertEquals(1, jdlab("uninstall", "--prefix", prefix.toString()));
    }

    @Test
    void installRecordsTheJavaRunningItAndSaysSo() throws IOException {
        String said = printed(System.out, () -> jdlab("install", "--prefix", prefix.toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(java, strings(kernelJson("jdlab").getAsJsonArray("argv")).get(0));
        assertTrue(said.contains("The kernel runs on Java " + Runtime.version().feature() + ": " + java
                + " (the Java running this installer; --java PATH picks another)\n"), said);
    }

    @Test
    void aJavaThatCannotRunTheKernelIsRefusedInOneLineAndNothingIsInstalled() {
        String said = printed(System.err, () -> assertEquals(2, jdlab("install", "--prefix", prefix.toString(), "--java", "/bin/true")));
        assertEquals("jdlab install: --java /bin/true: not a Java launcher (it did not report java.specification.version)\n", said);
        assertFalse(Files.exists(prefix.resolve("share/jupyter/kernels/jdlab")));
    }

    /** What the action printed on System.out or System.err, which is swapped for the time of it. */
    private static String printed(PrintStream stream, Runnable action) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        boolean out = stream == System.out;
        if (out) {
            System.setOut(capture);
        } else {
            System.setErr(capture);
        }
        try {
            action.run();
        } finally {
            if (out) {
                System.setOut(stream);
            } else {
                System.setErr(stream);
            }
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void installPlacesCanNotBeCombined() {
        assertEquals(2, jdlab("install", "--user", "--prefix", prefix.toString()));
    }
}
