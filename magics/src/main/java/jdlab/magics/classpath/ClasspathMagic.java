package jdlab.magics.classpath;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %classpath [add] PATH...}: jars and class folders (globs allowed, as in {@code lib/*.jar})
 * usable from the next line on; with no path, lists what the session added, by this magic or another
 * ({@code %maven}). {@code %jars} is IJava's name for it, so its notebooks run unchanged.
 */
public final class ClasspathMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("classpath",
                    "Add jars or class folders to the session (globs allowed), or list those added (%maven's too).")
            .alias("jars")
            .positionals("paths", "jars or folders, or globs such as lib/*.jar; a leading 'add' is allowed")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws IOException {
        List<String> words = new ArrayList<>(args.strings("paths"));
        if (!words.isEmpty() && words.get(0).equals("add")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            List<Path> added = context.classpath();
            return added.isEmpty() ? "Nothing added; the session sees the JDK, jdlab's API, Tablesaw and DJL."
                    : String.join("\n", added.stream().map(Path::toString).toList());
        }
        List<Path> paths = new ArrayList<>();
        for (String word : words) {
            paths.addAll(expand(args.invocation(), word));
        }
        paths.forEach(context::addToClasspath);
        return null;
    }

    // Every path is checked before any is added, so a typo adds nothing.
    static List<Path> expand(String invocation, String word) throws IOException {
        Path path = Path.of(word).toAbsolutePath().normalize();
        if (!word.contains("*") && !word.contains("?")) {
            if (!Files.exists(path)) {
                throw new UsageException(invocation + ": no such jar or folder: " + path);
            }
            return List.of(path);
        }
        Path folder = path.getParent();
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, path.getFileName().toString())) {
                stream.forEach(matches::add);
            }
        }
        if (matches.isEmpty()) {
            throw new UsageException(invocation + ": nothing matches " + path);
        }
        matches.sort(null);
        return matches;
    }
}
