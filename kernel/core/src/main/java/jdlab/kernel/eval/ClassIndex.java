package jdlab.kernel.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which classes of the JDK and of the cells' class path have a simple name, so that a cell that
 * says {@code Shape} without importing it can be told {@code import ai.djl.ndarray.types.Shape;}.
 *
 * <p>Built on the first unknown name, not at start-up: reading the JDK's exported packages and the
 * jars' directories takes a few tenths of a second, paid only when a hint is needed; each jar is
 * read once.
 */
final class ClassIndex {

    private final Map<Path, Map<String, Set<String>>> byLocation = new ConcurrentHashMap<>();
    private volatile Map<String, Set<String>> jdk;

    /** The fully qualified names of the public-looking top-level classes with this simple name, JDK first. */
    List<String> named(String simpleName, List<Path> classpath) {
        List<String> found = new ArrayList<>(jdk().getOrDefault(simpleName, Set.of()));
        for (Path location : classpath) {
            found.addAll(byLocation.computeIfAbsent(location, ClassIndex::read).getOrDefault(simpleName, Set.of()));
        }
        // API packages before internals and implementations, then the shorter name
        found.sort(Comparator.comparing(ClassIndex::looksInternal).thenComparing(String::length)
                .thenComparing(Comparator.naturalOrder()));
        return found.stream().distinct().toList();
    }

    private static boolean looksInternal(String name) {
        return name.contains(".internal.") || name.contains(".impl.") || name.contains(".shaded.");
    }

    private Map<String, Set<String>> jdk() {
        Map<String, Set<String>> index = jdk;
        if (index == null) {
            index = readJdk();
            jdk = index;
        }
        return index;
    }

    // The packages the JDK's modules export to everyone: what a cell may import.
    private static Map<String, Set<String>> readJdk() {
        Map<String, Set<String>> index = new ConcurrentHashMap<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (Module module : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports exports : module.getDescriptor().exports()) {
                if (exports.isQualified()) {
                    continue;
                }
                Path dir = jrt.getPath("modules", module.getName(), exports.source().replace('.', '/'));
                try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, "*.class")) {
                    for (Path file : classes) {
                        add(index, exports.source() + "." + file.getFileName().toString());
                    }
                } catch (IOException e) {
                    // a package without classes of its own in this image
                }
            }
        }
        return index;
    }

    private static Map<String, Set<String>> read(Path location) {
        Map<String, Set<String>> index = new ConcurrentHashMap<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(f -> location.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                            .forEach(entry -> add(index, entry.replace('/', '.')));
                }
            } else if (Files.isRegularFile(location)) {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().map(ZipEntry::getName).filter(n -> !n.startsWith("META-INF/"))
                            .forEach(entry -> add(index, entry.replace('/', '.')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
        return index;
    }

    // "a.b.C.class" -> C -> a.b.C; nested, anonymous, module-info and package-info classes are left out.
    private static void add(Map<String, Set<String>> index, String classFile) {
        if (!classFile.endsWith(".class") || classFile.contains("$") || classFile.contains("-")) {
            return;
        }
        String name = classFile.substring(0, classFile.length() - ".class".length());
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        index.computeIfAbsent(name.substring(dot + 1), k -> new TreeSet<>()).add(name);
    }
}
