package jdlab.magics.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdlab.api.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution with Maven's real resolver against repositories the test writes: a "remote" one reached by
 * file:// URL through a settings.xml mirror of Maven Central (so nothing reaches the network), and an
 * empty local one.
 */
class MavenResolverTest {

    @TempDir
    Path dir;

    private Path remote;
    private Path local;
    private Path settings;

    @BeforeEach
    void publish() throws IOException {
        remote = dir.resolve("remote");
        local = dir.resolve("local");
        TestRepository.publish(remote, "org.example:greeter:1.0", "org.example:util:1.0");
        TestRepository.publish(remote, "org.example:util:1.0");
        TestRepository.publish(remote, "org.example:util:2.0");
        TestRepository.publish(remote, "org.example:greeter2:1.0", "org.example:util:2.0");
        settings = TestRepository.settingsMirroringCentral(dir.resolve("settings.xml"), remote);
    }

    private MavenSession session() {
        return session(local);
    }

    private MavenSession session(Path localRepository) {
        Map<String, String> properties = Map.of(MavenSession.LOCAL_REPOSITORY, localRepository.toString(),
                MavenSession.USER_SETTINGS, settings.toString());
        return new MavenSession(properties::get);
    }

    private static List<String> run(MavenSession session, RecordingContext context, String line) throws Exception {
        return session.resolver().resolve(MavenRequest.of(new MavenMagic(session).args().parse(line)), context);
    }

    private static List<String> fileNames(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void addsTheArtifactAndItsDependencyFromTheLocalRepository() throws Exception {
        RecordingContext context = new RecordingContext(List.of());
        assertEquals(List.of(), run(session(), context, "org.example:greeter:1.0"));
        assertEquals(List.of("greeter-1.0.jar", "util-1.0.jar"), fileNames(context.added));
        assertTrue(context.added.stream().allMatch(p -> p.startsWith(local)), context.added.toString());
    }

    @Test
    void intransitiveAddsOnlyWhatWasNamed() throws Exception {
        RecordingContext context = new RecordingContext(List.of());
        run(session(), context, "--intransitive org.example:greeter:1.0");
        assertEquals(List.of("greeter-1.0.jar"), fileNames(context.added));
    }

    @Test
    void aRepoOptionIsAskedBesideCentral() throws Exception {
        Path other = dir.resolve("other");
        TestRepository.publish(other, "org.example:extra:1.0", "org.example:util:1.0");
        RecordingContext context = new RecordingContext(List.of());
        run(session(), context, "--repo other=" + other.toUri() + " org.example:extra:1.0");
        assertEquals(List.of("extra-1.0.jar", "util-1.0.jar"), fileNames(context.added));
    }

    @Test
    void offlineResolvesWhatTheLocalRepositoryHolds() throws Exception {
        run(session(), new RecordingContext(List.of()), "org.example:greeter:1.0");
        Files.walk(remote).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        RecordingContext context = new RecordingContext(List.of());
        run(session(), context, "--offline org.example:greeter:1.0");
        assertEquals(List.of("greeter-1.0.jar", "util-1.0.jar"), fileNames(context.added));
    }

    @Test
    void offlineAsksNoRemoteRepository() {
        RecordingContext context = new RecordingContext(List.of());
        UsageException e = assertThrows(UsageException.class,
                () -> run(session(), context, "--offline org.example:greeter:1.0"));
        assertEquals("%maven: org.example:greeter:1.0 not found; looked in the local repository " + local
                + " (offline: no remote repository asked)", e.getMessage());
    }

    @Test
    void aMissingArtifactNamesItAndWhereItWasLookedFor() {
        MavenSession session = session();
        RecordingContext context = new RecordingContext(List.of());
        UsageException e = assertThrows(UsageException.class,
                () -> run(session, context, "org.example:greeter:1.0 org.example:nope:3.1"));
        assertEquals("%maven: org.example:nope:3.1 not found; looked in the local repository " + local
                + " and test-mirror (" + remote.toUri() + ")", e.getMessage());
        assertEquals(List.of(), context.added, "nothing is added when anything fails");
        assertEquals("Nothing added with %maven yet.", session.lock());
    }

    @Test
    void aMissingDependencyNamesWhatNeededIt() throws IOException {
        TestRepository.publish(remote, "org.example:broken:1.0", "org.example:gone:1.0");
        UsageException e = assertThrows(UsageException.class,
                () -> run(session(), new RecordingContext(List.of()), "org.example:broken:1.0"));
        assertTrue(e.getMessage().startsWith("%maven: org.example:gone:1.0 not found (needed by org.example:broken:1.0);"
                + " looked in the local repository " + local), e.getMessage());
    }

    @Test
    void theKernelsVersionOfADependencyIsKeptAndReported() throws Exception {
        // The kernel ships util 3.0, which no repository has: its pom is not needed either.
        Path shipped = TestRepository.shippedJar(dir.resolve("kernel"), "org.example:util:3.0");
        RecordingContext context = new RecordingContext(List.of(shipped));
        assertEquals(List.of("org.example:util:1.0 asked for; the kernel ships 3.0 and keeps it"),
                run(session(), context, "org.example:greeter:1.0"));
        assertEquals(List.of("greeter-1.0.jar"), fileNames(context.added));
    }

    @Test
    void askingForTheKernelsArtifactAddsNothing() throws Exception {
        Path shipped = TestRepository.shippedJar(dir.resolve("kernel"), "org.example:util:3.0");
        RecordingContext context = new RecordingContext(List.of(shipped));
        assertEquals(List.of("org.example:util:2.0 asked for; the kernel ships 3.0 and keeps it"),
                run(session(), context, "org.example:util:2.0"));
        assertEquals(List.of(), context.added);
    }

    @Test
    void anotherDjlEngineIsRefusedBeforeAnythingIsResolved() throws Exception {
        Path shipped = TestRepository.shippedJar(dir.resolve("kernel"), "ai.djl.pytorch:pytorch-engine:0.35.1");
        RecordingContext context = new RecordingContext(List.of(shipped));
        List<String> notes = run(session(), context,
                "ai.djl.mxnet:mxnet-engine:0.20.0 ai.djl.mxnet:mxnet-native-auto:1.8.0");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("ai.djl.mxnet:* not added: the kernel ships DJL's PyTorch engine"
                + " (ai.djl.pytorch:pytorch-engine:0.35.1)"), notes.get(0));
        assertEquals(List.of(), context.added);
    }

    @Test
    void aKeptVersionIsReportedOnceThoughSeveralLinesPullItIn() throws Exception {
        Path shipped = TestRepository.shippedJar(dir.resolve("kernel"), "org.example:util:3.0");
        MavenSession session = session();
        RecordingContext context = new RecordingContext(List.of(shipped));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            for (String line : List.of("org.example:greeter:1.0", "org.example:greeter2:1.0", "org.example:util:1.0")) {
                session.addAndReport(MavenRequest.of(new MavenMagic(session).args().parse(line)), context);
            }
        } finally {
            System.setOut(out);
        }
        assertEquals(List.of("org.example:util:1.0 asked for; the kernel ships 3.0 and keeps it",
                        "org.example:util:2.0 asked for; the kernel ships 3.0 and keeps it"),
                printed.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aLaterRequestForAnotherVersionKeepsTheEarlierOne() throws Exception {
        MavenSession session = session();
        RecordingContext context = new RecordingContext(List.of());
        run(session, context, "org.example:greeter:1.0");
        assertEquals(List.of("org.example:util:2.0 asked for; 1.0 is already on the class path"
                + " (restart the kernel to change it)"), run(session, context, "org.example:greeter2:1.0"));
        assertEquals(List.of("org.example:util:2.0 asked for; 1.0 is already on the class path"
                + " (restart the kernel to change it)"), run(session, context, "org.example:util:2.0"));
        assertEquals(List.of("greeter-1.0.jar", "util-1.0.jar", "greeter2-1.0.jar"), fileNames(context.added));
    }

    @Test
    void askingAgainForWhatIsThereIsQuiet() throws Exception {
        MavenSession session = session();
        RecordingContext context = new RecordingContext(List.of());
        run(session, context, "org.example:greeter:1.0");
        assertEquals(List.of(), run(session, context, "org.example:greeter:1.0"));
        assertEquals(2, context.added.size());
    }

    @Test
    void lockPrintsACellThatAddsTheSameJarsToAFreshSession() throws Exception {
        Path other = dir.resolve("other");
        TestRepository.publish(other, "org.example:extra:1.0");
        MavenSession session = session();
        RecordingContext context = new RecordingContext(List.of());
        new MavenRepoMagic(session).run(new MavenRepoMagic(session).args().parse("other " + other.toUri()), null, context);
        run(session, context, "org.example:greeter:1.0 org.example:extra:1.0");
        String lock = session.lock();
        assertEquals("%mavenRepo other " + other.toUri() + "\n"
                + "%maven --intransitive org.example:greeter:1.0 org.example:util:1.0 org.example:extra:1.0", lock);

        MavenSession fresh = session(dir.resolve("fresh-local"));
        RecordingContext again = new RecordingContext(List.of());
        for (String line : lock.lines().toList()) {
            String[] words = line.split(" ", 2);
            if (words[0].equals("%mavenRepo")) {
                MavenRepoMagic magic = new MavenRepoMagic(fresh);
                magic.run(magic.args().parse(words[1]), null, again);
            } else {
                run(fresh, again, words[1]);
            }
        }
        assertEquals(fileNames(context.added), fileNames(again.added));
    }

    @Test
    void downloadsShowOneUpdatableSummaryAndLocalResolutionShowsNothing() throws Exception {
        RecordingContext context = new RecordingContext(List.of());
        run(session(), context, "org.example:greeter:1.0");
        String last = context.displays.get(context.displays.size() - 1);
        assertTrue(last.matches("(display|update): Downloaded 4 files, \\d+ B, in \\d+\\.\\d s"), last);
        assertEquals(1, context.displays.stream().filter(d -> d.startsWith("display:")).count(), context.displays.toString());

        RecordingContext local = new RecordingContext(List.of());
        run(session(), local, "org.example:greeter:1.0");
        assertEquals(List.of(), local.displays);
    }

    @Test
    void shippedArtifactsAreReadFromJarsAndFolders() throws IOException {
        Path jar = TestRepository.shippedJar(dir.resolve("k"), "org.example:util:3.0");
        Path folder = dir.resolve("classes");
        Path properties = folder.resolve("META-INF/maven/org.example/other/pom.properties");
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "groupId=org.example\nartifactId=other\nversion=1.2\n");
        assertEquals(Map.of("org.example:util", "3.0", "org.example:other", "1.2"),
                ShippedArtifacts.read(List.of(jar, folder, dir.resolve("missing.jar"))));
    }

    @Test
    void theLentListCountsOnlyTheJarsLyingBesideIt() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve("api.jar"));
        Files.createFile(lib.resolve("pytorch-native-cpu-linux-x86_64.jar"));
        String list = "\nThe following files have been resolved:\n"
                + "   ai.djl:api:jar:0.35.1:compile -- module ai.djl.api [auto]\n"
                + "   ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1:compile\n"
                + "   com.google.code.gson:gson:jar:2.11.0:compile -- module com.google.gson\n";
        Map<String, String> versions = new java.util.TreeMap<>();
        ShippedArtifacts.addLent(lib, list, versions);
        // Gson is the kernel's own, not in lib/: cells do not see it, so a notebook's Gson is not refused.
        assertEquals(Map.of("ai.djl:api", "0.35.1", "ai.djl.pytorch:pytorch-native-cpu", "2.7.1"), versions);
    }

    @Test
    void unreadableSettingsAreOneLine() throws IOException {
        Files.writeString(settings, "<settings><mirrors>");
        UsageException e = assertThrows(UsageException.class,
                () -> run(session(), new RecordingContext(List.of()), "org.example:greeter:1.0"));
        assertTrue(e.getMessage().startsWith("%maven: cannot read the Maven settings: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aSettingsPropertyNamingNoFileIsAnError() {
        Map<String, String> properties = Map.of(MavenSession.USER_SETTINGS, dir.resolve("none.xml").toString());
        UsageException e = assertThrows(UsageException.class, () -> run(new MavenSession(properties::get),
                new RecordingContext(List.of()), "org.example:greeter:1.0"));
        assertEquals("%maven: org.apache.maven.user-settings names " + dir.resolve("none.xml")
                + ", which is not a file", e.getMessage());
    }
}
