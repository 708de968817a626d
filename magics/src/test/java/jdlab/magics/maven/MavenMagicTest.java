package jdlab.magics.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MavenMagicTest {

    private static MavenRequest request(String line) {
        return MavenRequest.of(new MavenMagic(new MavenSession(name -> null)).args().parse(line));
    }

    static Stream<Arguments> goodLines() {
        return Stream.of(
                Arguments.of("org.example:greeter:1.0",
                        new MavenRequest(List.of("org.example:greeter:1.0"), Map.of(), false, false, false)),
                Arguments.of("a:b:1 c:d:jar:linux:2",
                        new MavenRequest(List.of("a:b:1", "c:d:jar:linux:2"), Map.of(), false, false, false)),
                Arguments.of("--repo one=file:///r1 -r two=https://x.org/m2?a=b a:b:1",
                        new MavenRequest(List.of("a:b:1"), Map.of("one", "file:///r1", "two", "https://x.org/m2?a=b"),
                                false, false, false)),
                Arguments.of("--offline --intransitive a:b:1",
                        new MavenRequest(List.of("a:b:1"), Map.of(), true, true, false)),
                Arguments.of("-o -i a:b:1", new MavenRequest(List.of("a:b:1"), Map.of(), true, true, false)),
                Arguments.of("--lock", new MavenRequest(List.of(), Map.of(), false, false, true)));
    }

    @ParameterizedTest
    @MethodSource("goodLines")
    void readsCoordinatesRepositoriesAndFlags(String line, MavenRequest expected) {
        assertEquals(expected, request(line));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("--ofline a:b:1", "unknown option '--ofline'; did you mean '--offline'?"),
                Arguments.of("--repo central a:b:1", "--repo takes ID=URL, as in --repo scijava="
                        + "https://maven.scijava.org/content/groups/public; got central"),
                Arguments.of("--repo =https://x a:b:1", "--repo takes ID=URL, as in --repo scijava="
                        + "https://maven.scijava.org/content/groups/public; got =https://x"),
                Arguments.of("--lock a:b:1", "--lock prints the session's artifacts; it takes no coordinates"),
                Arguments.of("", "name at least one artifact, as in %maven org.apache.commons:commons-text:1.12.0"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineIsOneLineThatSaysWhatWasWrongAndPointsToHelp(String line, String what) {
        UsageException e = assertThrows(UsageException.class, () -> request(line));
        assertEquals("%maven: " + what + " (%maven --help for usage)", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedCoordinateIsOneLineSayingWhatACoordinateIs(String coordinate) {
        UsageException e = assertThrows(UsageException.class, () -> MavenResolver.parse(coordinate));
        assertEquals("%maven: " + coordinate + " is not group:artifact:version"
                + " (nor group:artifact:extension[:classifier]:version)", e.getMessage());
    }

    static Stream<String> malformed() {
        return Stream.of("commons-text", "org.apache.commons:commons-text", "a:b:c:d:e:f", "a::1");
    }

    @Test
    void helpNamesThePropertiesAndSaysTheKernelKeepsItsVersions() {
        String help = new MavenMagic().args().parse("--help").helpRequested().replaceAll("\\s+", " ");
        assertTrue(help.contains("maven.repo.local"), help);
        assertTrue(help.contains("org.apache.maven.user-settings"), help);
        assertTrue(help.contains("The libraries the kernel lends to cells (jdlab's API, Tablesaw, DJL) keep their versions"), help);
        assertTrue(help.contains("--intransitive"), help);
    }

    @Test
    void mavenRepoAddsForTheSessionAndLists() {
        MavenSession session = new MavenSession(name -> null);
        MavenRepoMagic magic = new MavenRepoMagic(session);
        RecordingContext context = new RecordingContext(List.of());
        assertTrue(magic.run(magic.args().parse(""), null, context).toString().startsWith("No repository added"));
        assertNull(magic.run(magic.args().parse("scijava https://maven.scijava.org/content/groups/public"), null, context));
        assertEquals("scijava https://maven.scijava.org/content/groups/public",
                magic.run(magic.args().parse(""), null, context));
        UsageException e = assertThrows(UsageException.class, () -> magic.run(magic.args().parse("scijava"), null, context));
        assertTrue(e.getMessage().startsWith("%mavenRepo: give an id and a URL"), e.getMessage());
    }

    // The kernel makes every magic at start; Maven's resolver must wait for the first %maven.
    @Test
    void constructingTheMagicsLoadsNoResolverClass() throws Exception {
        URL[] classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (Isolated loader = new Isolated(classpath)) {
            for (String magic : List.of("jdlab.magics.maven.MavenMagic", "jdlab.magics.maven.MavenRepoMagic")) {
                Object made = loader.loadClass(magic).getConstructor().newInstance();
                made.getClass().getMethod("args").invoke(made);
            }
            assertTrue(loader.loaded("jdlab.magics.maven.MavenMagic"), "the check sees the classes it loads");
            for (String resolverClass : List.of("jdlab.magics.maven.MavenResolver", "jdlab.magics.maven.DownloadProgress",
                    "org.eclipse.aether.artifact.DefaultArtifact", "org.eclipse.aether.RepositorySystem",
                    "org.eclipse.aether.transfer.TransferListener", "eu.maveniverse.maven.mima.context.Context",
                    "eu.maveniverse.maven.mima.context.Runtimes")) {
                assertTrue(!loader.loaded(resolverClass), resolverClass + " was loaded");
            }
        }
    }

    /** Loads the test's class path anew, so what it has loaded can be asked. */
    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
