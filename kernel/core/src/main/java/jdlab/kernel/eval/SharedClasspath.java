package jdlab.kernel.eval;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Objects;

/** Where the classes the kernel lends to cells were loaded from. */
final class SharedClasspath {

    private SharedClasspath() {
    }

    /** The jars or folders holding these classes, once each. */
    static List<Path> of(Class<?>... classes) {
        return java.util.Arrays.stream(classes).map(SharedClasspath::location).filter(Objects::nonNull).distinct().toList();
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
