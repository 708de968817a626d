package jdlab.kernel.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;
import jdlab.api.Display;

/** The jars the kernel lends to cells: jdlab's API and the libraries shipped for cells (Tablesaw, DJL). */
final class SharedClasspath {

    private SharedClasspath() {
    }

    /**
     * The jars in {@code lib/} beside the kernel's jar, where the build puts them; when the kernel
     * runs from its classes folder, as unit tests run it, the API's own jar or folder.
     */
    static List<Path> lent() {
        Path kernel = location(SharedClasspath.class);
        Path lib = Files.isRegularFile(kernel) ? kernel.resolveSibling("lib") : null;
        if (lib == null || !Files.isDirectory(lib)) {
            return List.of(location(Display.class));
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar or folder a class was loaded from. */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }
}
