package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import jdlab.api.Display;
import org.junit.jupiter.api.Test;

class CellClassLoaderTest {

    private final CellClassLoader loader = new CellClassLoader(List.of(SharedClasspath.location(Display.class)));

    @Test
    void aLentClassIsTheKernelsOwn() throws ClassNotFoundException {
        assertSame(Display.class, loader.loadClass("jdlab.api.Display"));
    }

    @Test
    void theKernelsOtherDependenciesAreOutOfSight() {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.google.gson.Gson"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("jdlab.kernel.Kernel"));
        assertNull(loader.getResource("com/google/gson/Gson.class"));
    }

    @Test
    void theJdkIsInSightIncludingModulesOfTheApplicationLoader() throws ClassNotFoundException {
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(jdk.jshell.JShell.class, loader.loadClass("jdk.jshell.JShell"));
    }

    @Test
    void aDeclaredClassLoadsAndItsBytesReadBackAsAResource() throws Exception {
        byte[] bytes = classBytes(Sample.class);
        CellClassLoader fresh = new CellClassLoader(List.of());
        fresh.declare(Sample.class.getName(), bytes);
        Class<?> loaded = fresh.loadClass(Sample.class.getName());
        assertSame(fresh, loaded.getClassLoader());
        try (InputStream in = fresh.getResourceAsStream(Sample.class.getName().replace('.', '/') + ".class")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void anAddedFolderIsSearchedAfterTheLentClasses() throws ClassNotFoundException {
        Path testClasses = SharedClasspath.location(CellClassLoaderTest.class);
        CellClassLoader fresh = new CellClassLoader(List.of());
        fresh.add(testClasses);
        Class<?> loaded = fresh.loadClass(Sample.class.getName());
        assertSame(fresh, loaded.getClassLoader());
        assertEquals(Sample.class.getName(), loaded.getName());
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    // Loaded a second time, by the cell loader, from its bytes.
    public static final class Sample { }
}
