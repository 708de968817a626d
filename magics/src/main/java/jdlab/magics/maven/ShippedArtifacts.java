package jdlab.magics.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Maven artifacts inside the kernel's jars and folders, learnt from the
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} that Maven writes into each (a shaded jar holds
 * many), and from the list of lent artifacts that {@code jdlab-lent.jar} carries for the jars beside it
 * that have none (Gradle builds DJL's).
 */
final class ShippedArtifacts {

    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    static final String LENT_LIST = "META-INF/jdlab/lent-artifacts.txt";

    private ShippedArtifacts() {
    }

    /** group:artifact to version, for every pom.properties in these jars and folders. */
    static Map<String, String> read(List<Path> classpath) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (Path path : classpath) {
            if (Files.isDirectory(path)) {
                readFolder(path, versions);
            } else if (Files.isRegularFile(path)) {
                readJar(path, versions);
            }
        }
        return versions;
    }

    private static void readJar(Path jar, Map<String, String> versions) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                if (POM_PROPERTIES.matcher(entry.getName()).matches()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        add(in, versions);
                    }
                } else if (entry.getName().equals(LENT_LIST)) {
                    try (InputStream in = file.getInputStream(entry)) {
                        addLent(jar.toAbsolutePath().getParent(), new String(in.readAllBytes(), StandardCharsets.UTF_8), versions);
                    }
                }
            }
        }
    }

    private static void readFolder(Path folder, Map<String, String> versions) throws IOException {
        Path maven = folder.resolve("META-INF/maven");
        if (!Files.isDirectory(maven)) {
            return;
        }
        try (Stream<Path> files = Files.find(maven, 3, (p, a) -> p.getFileName().toString().equals("pom.properties"))) {
            for (Path file : files.toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    add(in, versions);
                }
            }
        }
    }

    /**
     * Lines of {@code mvn dependency:list} ({@code   group:artifact:type[:classifier]:version:scope ...}),
     * counted only where that jar lies in the folder: what the kernel itself holds is not lent.
     */
    static void addLent(Path folder, String list, Map<String, String> versions) {
        for (String line : list.lines().toList()) {
            if (!line.startsWith("   ")) {
                continue;
            }
            String[] parts = line.strip().split("\\s+")[0].split(":");
            if (parts.length < 5) {
                continue;
            }
            String classifier = parts.length == 6 ? "-" + parts[3] : "";
            String version = parts[parts.length - 2];
            if (Files.isRegularFile(folder.resolve(parts[1] + classifier + "." + parts[2]))) {
                versions.put(parts[0] + ":" + parts[1], version);
            }
        }
    }

    private static void add(InputStream in, Map<String, String> versions) throws IOException {
        Properties pom = new Properties();
        pom.load(in);
        String group = pom.getProperty("groupId");
        String artifact = pom.getProperty("artifactId");
        String version = pom.getProperty("version");
        if (group != null && artifact != null && version != null) {
            versions.put(group + ":" + artifact, version);
        }
    }
}
