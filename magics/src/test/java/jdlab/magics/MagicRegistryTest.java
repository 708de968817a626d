package jdlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MagicRegistryTest {

    private final MagicRegistry registry = new MagicRegistry();

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("%lsmagic", true),
                Arguments.of("int x = 1;\n%lsmagic\nx", true),
                Arguments.of("  %%bash\necho hi", true),
                Arguments.of("int x = 7\n    % 3;", false),
                Arguments.of("int x = 1;", false),
                Arguments.of("String s = \"%d\";", false));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void acceptsCellsWithAMagicLineOnly(String cell, boolean accepted) {
        assertEquals(accepted, registry.accepts(cell));
    }

    @Test
    void serviceLoaderFindsEveryRegisteredMagic() {
        List<String> names = registry.all().stream().map(m -> m.args().invocation()).collect(Collectors.toList());
        assertTrue(names.containsAll(List.of("%help", "%lsmagic", "%%writefile", "%%html", "%%markdown",
                "%%latex", "%%javascript", "%%bash", "%%sh", "%time", "%%time", "%timeit", "%%timeit")), names.toString());
    }

    @Test
    void aLineAndACellMagicShareANameAndAreFoundByHowTheyAreWritten() {
        assertFalse(registry.find("time", false).args().isCell());
        assertTrue(registry.find("time", true).args().isCell());
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
