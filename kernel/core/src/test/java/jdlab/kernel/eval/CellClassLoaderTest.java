package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import jdlab.api.Display;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aLoopInAnAddedJarStopsWhenItsCellGroupIsHalted(@TempDir Path folder) throws Exception {
        Path jar = folder.resolve("spinner.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "4.2");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(Spinner.class.getName().replace('.', '/') + ".class"));
            out.write(classBytes(Spinner.class));
        }
        CellClassLoader fresh = new CellClassLoader(List.of());
        fresh.add(jar);
        Class<?> spinner = fresh.loadClass(Spinner.class.getName());
        CellGroup group = new CellGroup();
        Thread thread = new Thread(group, (Runnable) spinner.getConstructor().newInstance(), "spinner");
        thread.start();

        group.halt();
        thread.join(10_000);

        assertFalse(thread.isAlive(), "the woven loop kept running");
        assertEquals("4.2", spinner.getPackage().getImplementationVersion());
        assertEquals(jar.toUri().toURL(), spinner.getProtectionDomain().getCodeSource().getLocation());
        Interrupts.forgetFinished();
    }

    @Test
    void theChecksWovenInCallTheKernelsOwnInterrupts() throws ClassNotFoundException {
        assertSame(Interrupts.class, loader.loadClass(Interrupts.class.getName()));
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    // Loaded a second time, by the cell loader, from its bytes.
    public static final class Sample { }

    /** Spins until stopped, as a library's loop might. */
    public static final class Spinner implements Runnable {
        @Override
        public void run() {
            long turns = 0;
            while (turns >= 0) {
                turns++;
            }
        }
    }
}
