package jdlab.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java a kernel runs on: its {@code java} executable, recorded in {@code kernel.json}, and its
 * feature version, which decides how the install records start-up classes.
 *
 * @param executable absolute path of the {@code java} launcher
 * @param feature the feature release, 17 for Java 17.0.x
 */
record KernelJava(Path executable, int feature) {

    /** The oldest Java the kernel's classes run on (the build's {@code maven.compiler.release}). */
    static final int OLDEST = 17;
    /** The first Java whose {@code -XX:AOTCacheOutput} records an ahead-of-time cache in one run (JEP 514). */
    static final int AOT_CACHE = 25;
    private static final String CLASS_DATA_ARCHIVE = "jdlab.jsa";
    private static final String AOT_CACHE_FILE = "jdlab.aot";
    static final List<String> ARCHIVE_NAMES = List.of(CLASS_DATA_ARCHIVE, AOT_CACHE_FILE);

    private static final Pattern SPECIFICATION = Pattern.compile("^\\s*java\\.specification\\.version = (?:1\\.)?(\\d+)\\s*$",
            Pattern.MULTILINE);

    /** The Java running this installer. */
    static KernelJava current() {
        return new KernelJava(Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version().feature());
    }

    /** The Java at this path, as it reports itself; one line of what is wrong if it cannot run the kernel. */
    static KernelJava of(Path executable) throws UnusableJavaException, InterruptedException {
        Path java = executable.toAbsolutePath();
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new UnusableJavaException("--java " + executable + ": no such executable file");
        }
        String settings;
        try {
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            settings = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UnusableJavaException("--java " + executable + ": cannot run it: " + e.getMessage());
        }
        int feature = featureIn(settings);
        if (feature < 0) {
            throw new UnusableJavaException("--java " + executable + ": not a Java launcher (it did not report java.specification.version)");
        }
        return new KernelJava(java, feature).requireSupported();
    }

    /** The feature version that {@code java -XShowSettings:properties -version} printed, or -1. */
    static int featureIn(String settings) {
        Matcher m = SPECIFICATION.matcher(settings);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    KernelJava requireSupported() throws UnusableJavaException {
        if (feature < OLDEST) {
            throw new UnusableJavaException(executable + " is Java " + feature + "; jdlab needs Java " + OLDEST
                    + " or later (--java PATH picks another)");
        }
        return this;
    }

    /** The start-up archive's file name: the AOT cache on 25 and later, a class-data archive before. */
    String archiveName() {
        return feature >= AOT_CACHE ? AOT_CACHE_FILE : CLASS_DATA_ARCHIVE;
    }

    /** What the archive is called in the installer's output. */
    String archiveKind() {
        return feature >= AOT_CACHE ? "ahead-of-time cache" : "class-data archive";
    }

    /** The option with which the warm-up session's JVM records the archive as it exits. */
    String recordArchive(Path archive) {
        return (feature >= AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive;
    }

    /** The option with which every kernel start maps the archive. */
    String useArchive(Path archive) {
        return (feature >= AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
    }

    /** Thrown for a Java the kernel cannot run on; the message is the one line the user sees. */
    static final class UnusableJavaException extends Exception {
        UnusableJavaException(String message) {
            super(message);
        }
    }
}
