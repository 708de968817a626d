package jdlab.magics.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/** Writes Maven repositories in the default layout, as a test needs them: poms, jars and their SHA-1 files. */
final class TestRepository {

    private TestRepository() {
    }

    /** Publishes group:artifact:version into the repository, with compile dependencies given as g:a:v. */
    static void publish(Path repository, String coordinate, String... dependencies) throws IOException {
        String[] gav = coordinate.split(":");
        Path folder = repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
        Files.createDirectories(folder);
        String base = gav[1] + "-" + gav[2];
        String deps = List.of(dependencies).stream().map(d -> d.split(":")).map(d -> String.format(
                "<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>",
                d[0], d[1], d[2])).collect(Collectors.joining());
        String pom = String.format("<project><modelVersion>4.0.0</modelVersion><groupId>%s</groupId>"
                + "<artifactId>%s</artifactId><version>%s</version><dependencies>%s</dependencies></project>",
                gav[0], gav[1], gav[2], deps);
        write(folder.resolve(base + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
        write(folder.resolve(base + ".jar"), jar(gav, null));
    }

    /** A jar holding the pom.properties Maven writes for group:artifact:version, as a shaded kernel jar has. */
    static Path shippedJar(Path folder, String coordinate) throws IOException {
        Path jar = folder.resolve("kernel.jar");
        Files.createDirectories(folder);
        Files.write(jar, jar(coordinate.split(":"), coordinate));
        return jar;
    }

    private static byte[] jar(String[] gav, String pomProperties) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry(gav[1] + ".txt"));
            jar.write(String.join(":", gav).getBytes(StandardCharsets.UTF_8));
            if (pomProperties != null) {
                Properties pom = new Properties();
                pom.setProperty("groupId", gav[0]);
                pom.setProperty("artifactId", gav[1]);
                pom.setProperty("version", gav[2]);
                jar.putNextEntry(new JarEntry("META-INF/maven/" + gav[0] + "/" + gav[1] + "/pom.properties"));
                pom.store((OutputStream) jar, null);
            }
        }
        return bytes.toByteArray();
    }

    /** A settings.xml whose mirror answers for Maven Central, so that no test reaches the network. */
    static Path settingsMirroringCentral(Path file, Path mirror) throws IOException {
        Files.writeString(file, "<settings><mirrors><mirror><id>test-mirror</id><mirrorOf>central</mirrorOf>"
                + "<url>" + mirror.toUri() + "</url></mirror></mirrors></settings>");
        return file;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content);
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(sha1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
