package jdlab.install;

import com.google.gson.GsonBuilder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A kernelspec folder: {@code kernel.json} with absolute paths, the kernel's own copy of the jar
 * and of the jars it lends, the MNIST it ships for DJL's dataset, its logos and a class-data-sharing
 * archive that cuts the JVM's start.
 */
final class KernelSpec {

    private static final String LIB = "lib";
    private static final String SPARK = LIB + "/spark"; // off every class path until %%launch or %spark loads it

    private final Path dir;
    private final KernelJava java;
    private final String displayName;
    private final List<String> userJvmOptions;

    KernelSpec(Path dir, KernelJava java, String displayName, List<String> userJvmOptions) {
        this.dir = dir.toAbsolutePath();
        this.java = java;
        this.displayName = displayName;
        this.userJvmOptions = List.copyOf(userJvmOptions);
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes the folder; true if the start-up archive was recorded too. The jar and the jars its
     * manifest names in lib/ are copied, so that rebuilding the project never breaks a registered kernel.
     */
    boolean write(Path jar) throws IOException, InterruptedException {
        Path jarFolder = jar.toAbsolutePath().getParent();
        copyFolder(jarFolder, LIB, "*.jar");
        copyFolder(jarFolder, SPARK, "*.jar");
        copyFolder(jarFolder, DjlMnistSeeding.FOLDER, "*");
        Path installedJar = dir.resolve("jdlab.jar");
        copy(jar, installedJar);
        writeLogo(32);
        writeLogo(64);
        boolean archived = makeArchive(installedJar);
        Files.writeString(dir.resolve("kernel.json"), kernelJson(installedJar, archived));
        return archived;
    }

    // Both folders are absent only when run from classes, as unit tests do.
    private void copyFolder(Path jarFolder, String folder, String glob) throws IOException {
        Path from = jarFolder.resolve(folder);
        Path to = dir.resolve(folder);
        Files.createDirectories(to);
        if (Files.isDirectory(from)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(from, glob)) {
                for (Path file : files) {
                    copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String kernelJson(Path jar, boolean archived) {
        List<String> argv = new ArrayList<>();
        argv.add(java.executable().toString());
        if (archived) {
            argv.add(java.useArchive(dir.resolve(java.archiveName())));
        }
        argv.addAll(jvmOptions());
        argv.addAll(userJvmOptions);
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("kernel");
        argv.add("{connection_file}");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", new java.util.TreeMap<>(MALLOC));
        spec.put("metadata", Map.of("debugger", false));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    // glibc hands the buffers libtorch frees back to the system and the next training step faults
    // them in again: 2,400-4,100 page faults and a third of the CPU time per step of a small CNN
    // (bench/train_bench.py). Smaller blocks stay in the heap, and up to 128 MiB of free heap is
    // kept, as PyTorch's own caching allocators keep memory: the CNN's step fell from 22 to 14 ms.
    static final Map<String, String> MALLOC = Map.of(
            "MALLOC_MMAP_THRESHOLD_", String.valueOf(32 << 20), "MALLOC_TRIM_THRESHOLD_", String.valueOf(128 << 20));

    // DJL is offline: its PyTorch natives come from the lent jar, and nothing is fetched at run time.
    // The serial collector halves the kernel's resident memory against G1 (measured: 305 vs 665 MiB
    // after 200 cells) and is no slower for one user's cells; --java-option=-XX:+UseG1GC undoes it.
    // JNA, which DJL's engine uses, loads native code: JDK 24 and later warn on the kernel's stderr for
    // it unless the class path is allowed to.
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED"));
        options.addAll(SPARK_OPENS);
        return options;
    }

    // Spark embedded in the kernel does not open these itself (Kryo and its serializers fail without
    // them): the --add-opens of Spark's JavaModuleOptions.defaultModuleOptions(), 4.1.3.
    private static final List<String> SPARK_OPENS = Stream.of("java.base/java.lang",
            "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net",
            "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/jdk.internal.ref", "java.base/sun.nio.ch",
            "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/sun.util.calendar",
            "java.security.jgss/sun.security.krb5").map(p -> "--add-opens=" + p + "=ALL-UNNAMED").toList();

    // The archive of a warm-up session: classes load from a mapped file instead of the jar. Before
    // JDK 25 a dynamic AppCDS archive; from 25 the ahead-of-time cache, which also holds the classes
    // linked and the methods' profiles (JEP 483, 514, 515).
    private boolean makeArchive(Path jar) throws IOException, InterruptedException {
        Path archive = dir.resolve(java.archiveName());
        for (String name : KernelJava.ARCHIVE_NAMES) { // a reinstall with another Java leaves no stale archive
            Files.deleteIfExists(dir.resolve(name));
        }
        List<String> javaAndOptions = new ArrayList<>(List.of(java.executable().toString(), java.recordArchive(archive)));
        javaAndOptions.addAll(jvmOptions());
        Path scratch = Files.createTempDirectory("jdlab-warmup");
        try {
            return WarmupSession.run(javaAndOptions, jar, MALLOC, scratch) && Files.exists(archive);
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void writeLogo(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xE7, 0x6F, 0x00));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 11 / 20));
        String text = "jd";
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (size - width) / 2, size * 7 / 10);
        g.dispose();
        ImageIO.write(image, "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
    }
}
