package jdlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagicRegistryTest {

    private final MagicRegistry registry = new MagicRegistry();

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("%lsmagic", true),
                Arguments.of("int x = 1;\n%lsmagic\nx", true),
                Arguments.of("  %%bash\necho hi", true),
                Arguments.of("!ls data", true),
                Arguments.of("int x = 1;\n!echo hi", true),
                Arguments.of("boolean b = true\n    != false;", false),
                Arguments.of("boolean b = true &&\n    !false;", false),
                Arguments.of("int x = 7\n    % 3;", false),
                Arguments.of("int x = 1;", false),
                Arguments.of("String s = \"%d\";", false));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void acceptsCellsWithAMagicOrShellLineOnly(String cell, boolean accepted) {
        assertEquals(accepted, registry.accepts(cell));
    }

    @Test
    void everyMagicClassIsRegisteredForTheServiceLoader() throws IOException, URISyntaxException {
        Path classes = Path.of(Magic.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> declared;
        try (Stream<Path> files = Files.walk(classes)) {
            declared = files.map(classes::relativize).map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(MagicRegistryTest::isMagic)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> registered = registry.all().stream().map(m -> m.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(declared.isEmpty());
        assertEquals(declared, registered, "a Magic class missing from META-INF/services/jdlab.magics.Magic");
    }

    private static boolean isMagic(String className) {
        try {
            Class<?> type = Class.forName(className, false, MagicRegistryTest.class.getClassLoader());
            return Magic.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className, e);
        }
    }

    @Test
    void everyWayToWriteEveryMagicAnswersHelpWithItsOwnName() {
        for (Magic magic : registry.all()) {
            for (String invocation : magic.args().invocations()) {
                String help = magic.args().parse(invocation, "--help", null).helpRequested();
                assertTrue(help.startsWith("Usage: " + invocation), help);
            }
        }
    }

    @Test
    void aMagicWithSeveralNamesOrFormsIsOneMagicFoundByEach() {
        assertEquals(registry.find("devices", false), registry.find("gpu", false));
        assertEquals(registry.find("classpath", false), registry.find("jars", false));
        assertEquals(registry.find("time", false), registry.find("time", true));
        assertEquals(registry.find("html", true), registry.find("markdown", true));
        assertEquals(registry.find("sh", true), registry.find("bash", true));
        List<Magic> all = registry.all();
        assertEquals(all.size(), Set.copyOf(all).size());
    }

    @Test
    void aLineMagicWrittenAsACellMagicSaysWhatItIs() {
        UsageException e = assertThrows(UsageException.class, () -> registry.find("lsmagic", true));
        assertEquals("%%lsmagic is not a magic; %lsmagic is a line magic", e.getMessage());
    }

    @Test
    void anUnknownMagicSuggestsTheNearestName() {
        UsageException e = assertThrows(UsageException.class, () -> registry.find("lsmagc", false));
        assertEquals("unknown magic %lsmagc; did you mean %lsmagic? (%lsmagic lists them all)", e.getMessage());
    }

    @Test
    void aFarOffNameGetsNoSuggestion() {
        UsageException e = assertThrows(UsageException.class, () -> registry.find("zzzzzzzz", false));
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pip", "conda"})
    void anotherEcosystemsInstallerPointsToMaven(String name) {
        UsageException e = assertThrows(UsageException.class, () -> registry.find(name, false));
        assertTrue(e.getMessage().startsWith("%" + name + " installs "), e.getMessage());
        assertTrue(e.getMessage().contains("%maven GROUP:ARTIFACT:VERSION adds a Java library"), e.getMessage());
    }

    @Test
    void matplotlibIsToldThatChartsDisplayInline() {
        UsageException e = assertThrows(UsageException.class, () -> registry.find("matplotlib", false));
        assertEquals("%matplotlib has nothing to enable here: Tablesaw and Plotly charts display inline", e.getMessage());
    }

    @Test
    void aCellMagicWrittenAsALineMagicSaysWhereItBelongs() {
        UsageException e = assertThrows(UsageException.class, () -> registry.find("bash", false));
        assertEquals("%bash is not a magic; %%bash is a cell magic: put it on the first line of the cell", e.getMessage());
    }

    @Test
    void twoMagicsWithOneNameAreRefused() {
        Magic one = registry.all().get(0);
        assertThrows(IllegalStateException.class, () -> new MagicRegistry(List.of(one, one)));
    }
}
