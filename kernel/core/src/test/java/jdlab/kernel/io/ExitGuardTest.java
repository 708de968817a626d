package jdlab.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

class ExitGuardTest {

    /** Stands in for java.lang.Runtime: the same two methods, which here only record their status. */
    public static final class Exits {
        public static int lastStatus = -1;

        public void exit(int status) {
            lastStatus = status;
        }

        public void halt(int status) {
            lastStatus = status;
        }
    }

    @Test
    void exitAndHaltFromACellThreadAreRefusedWithTheStatusAndWhatToDoInstead() throws Exception {
        Object exits = guardedExits();
        ThreadGroup cell = new ThreadGroup(ExitGuard.CELL_THREADS);

        assertEquals(refused("System.exit(3)"), refusal(cell, exits, "exit", 3));
        assertEquals(refused("Runtime.halt(4)"), refusal(cell, exits, "halt", 4));
        assertEquals(-1, exits.getClass().getField("lastStatus").getInt(null));
    }

    @Test
    void aThreadInAGroupACellMadeIsRefusedToo() throws Exception {
        Object exits = guardedExits();
        ThreadGroup started = new ThreadGroup(new ThreadGroup(ExitGuard.CELL_THREADS), "a library's pool");

        assertTrue(refusal(started, exits, "exit", 5).startsWith("System.exit(5) would end the kernel"));
    }

    @Test
    void theKernelsOwnThreadsStillExit() throws Exception {
        Object exits = guardedExits();

        exits.getClass().getMethod("exit", int.class).invoke(exits, 7);

        assertEquals(7, exits.getClass().getField("lastStatus").getInt(null));
    }

    @Test
    void theRealRuntimeRefusesACellAndNotTheMainThreadWithNoWarning(@TempDir Path dir) throws Exception {
        Path jar = launcherJar(dir);
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).start();
        java.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(java.getErrorStream()));
        String stdout = read(java.getInputStream());
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the probe did not end");

        assertEquals(List.of(refused("System.exit(3)"), refused("System.exit(4)"),
                refused("Runtime.halt(5)"), refused("System.exit(6)")), stdout.lines().toList());
        assertEquals("", stderr.get());
        assertEquals(0, java.exitValue(), "the main thread's System.exit(0) did not go through");
    }

    private static String refused(String call) {
        return call + " would end the kernel and lose every variable; it is refused. To restart, use the notebook's Kernel > Restart.";
    }

    private static Object guardedExits() throws Exception {
        String name = Exits.class.getName();
        byte[] guarded = ExitRefusal.inject(new ClassReader(name).b);
        ClassLoader loader = new ClassLoader(ExitGuardTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                return className.equals(name) ? defineClass(name, guarded, 0, guarded.length)
                        : super.loadClass(className, resolve);
            }
        };
        return loader.loadClass(name).getConstructor().newInstance();
    }

    /** The message of the SecurityException that calling {@code method(status)} on a thread of the group threw. */
    private static String refusal(ThreadGroup group, Object exits, String method, int status) throws Exception {
        Method call = exits.getClass().getMethod(method, int.class);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread thread = new Thread(group, () -> {
            try {
                call.invoke(exits, status);
                thrown.complete(null);
            } catch (InvocationTargetException e) {
                thrown.complete(e.getCause());
            } catch (ReflectiveOperationException e) {
                thrown.complete(e);
            }
        });
        thread.start();
        return assertInstanceOf(SecurityException.class, thrown.get(10, TimeUnit.SECONDS)).getMessage();
    }

    /** An executable jar started as the kernel's is: ExitGuard as its launcher agent, ExitGuardProbe as main. */
    private static Path launcherJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, ExitGuardProbe.class.getName());
        main.putValue("Launcher-Agent-Class", ExitGuard.class.getName());
        main.putValue("Can-Redefine-Classes", "true");
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", codeSource(ExitGuard.class), codeSource(ExitGuardProbe.class),
                codeSource(ClassReader.class)));
        Path jar = dir.resolve("probe.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    private static String codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
