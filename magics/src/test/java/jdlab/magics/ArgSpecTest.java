package jdlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgSpecTest {

    private static final ArgSpec TIMEIT = ArgSpec.line("timeit", "Time a statement.")
            .option("number", 'n', Integer.class, "7", "loops per run")
            .flag("quiet", 'q', "print nothing")
            .positionals("words", "what to time")
            .build();

    private static final ArgSpec WRITEFILE = ArgSpec.cell("writefile", "Write the cell to a file.")
            .flag("append", 'a', "append")
            .positional("path", "the file")
            .build();

    static Stream<Arguments> goodLines() {
        return Stream.of(
                Arguments.of("", 7, false, List.of()),
                Arguments.of("-n 5 a b", 5, false, List.of("a", "b")),
                Arguments.of("--number=12 -q x", 12, true, List.of("x")),
                Arguments.of("-q \"two words\" 'and more'", 7, true, List.of("two words", "and more")),
                Arguments.of("-- -n", 7, false, List.of("-n")));
    }

    @ParameterizedTest
    @MethodSource("goodLines")
    void parsesOptionsFlagsQuotesAndDoubleDash(String line, int number, boolean quiet, List<String> words) {
        Args args = TIMEIT.parse(line);
        assertEquals(number, args.integer("number"));
        assertEquals(quiet, args.flag("quiet"));
        assertEquals(words, args.strings("words"));
        assertNull(args.helpRequested());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of(TIMEIT, "--nmber 3", "%timeit: Unknown option: '--nmber'; did you mean --number?"),
                Arguments.of(TIMEIT, "-n five", "%timeit: Invalid value for option '--number': 'five' is not an int"),
                Arguments.of(TIMEIT, "-n", "%timeit: Missing required parameter for option '--number' (NUMBER)"),
                Arguments.of(WRITEFILE, "", "%%writefile: Missing required parameter: 'PATH'"),
                Arguments.of(WRITEFILE, "a.txt b.txt", "%%writefile: Unmatched argument at index 1: 'b.txt'"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineIsOneLineThatSaysWhatWasWrongFollowedByTheUsage(ArgSpec spec, String line, String firstLine) {
        UsageException e = assertThrows(UsageException.class, () -> spec.parse(line));
        String[] lines = e.getMessage().split("\n");
        assertEquals(firstLine, lines[0]);
        assertTrue(lines[1].startsWith("Usage: " + spec.invocation()), lines[1]);
    }

    @Test
    void helpIsAnsweredWithTheUsageBuiltFromTheDeclaration() {
        String help = TIMEIT.parse("--help").helpRequested();
        assertTrue(help.startsWith("Usage: %timeit [-hq] [-n=NUMBER] [WORDS...]"), help);
        assertTrue(help.contains("Time a statement."), help);
        assertTrue(help.contains("-n, --number=NUMBER"), help);
        assertTrue(help.contains("loops per run"), help);
    }

    @Test
    void eachParseStartsFromTheDefaults() {
        TIMEIT.parse("-n 3 -q");
        Args again = TIMEIT.parse("");
        assertEquals(7, again.integer("number"));
        assertFalse(again.flag("quiet"));
    }

    @Test
    void aCellMagicIsWrittenWithTwoPercentSigns() {
        assertEquals("%%writefile", WRITEFILE.invocation());
        assertEquals("%timeit", TIMEIT.invocation());
    }

    @Test
    void aDeclarationWithAnOptionalPositionalBeforeAnotherIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArgSpec.line("x", "X.")
                .optionalPositional("a", "a").positional("b", "b").build());
    }

    private static final ArgSpec TIME = ArgSpec.line("time", "Time code.")
            .option("number", 'n', Integer.class, "7", "loops per run")
            .rest("statement", "the code")
            .build();

    static Stream<Arguments> restLines() {
        return Stream.of(
                Arguments.of("", 7, ""),
                Arguments.of("1 + 1", 7, "1 + 1"),
                Arguments.of("-n 3 Math.max(-1,  2)", 3, "Math.max(-1,  2)"),
                Arguments.of("--number=4   \"a b\".split(\" \")  ", 4, "\"a b\".split(\" \")"),
                Arguments.of("f(-n, 'x')", 7, "f(-n, 'x')"),
                Arguments.of("-- -x + 1", 7, "-x + 1"));
    }

    @ParameterizedTest
    @MethodSource("restLines")
    void restIsTheRawTextAfterTheOptionsWithItsQuotesAndSpaces(String line, int number, String rest) {
        Args args = TIME.parse(line);
        assertEquals(number, args.integer("number"));
        assertEquals(rest, args.rest());
        assertEquals(rest, args.string("statement"));
    }

    @Test
    void aBadOptionBeforeTheRestIsOneLineAndTheUsage() {
        UsageException e = assertThrows(UsageException.class, () -> TIME.parse("-n x 1"));
        assertEquals("%time: Invalid value for option '--number': 'x' is not an int", e.getMessage().split("\n")[0]);
        assertTrue(TIME.parse("--help").helpRequested().startsWith("Usage: %time [-h] [-n=NUMBER] [STATEMENT...]"));
    }

    @Test
    void restBesideAnotherPositionalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArgSpec.line("x", "X.")
                .positional("a", "a").rest("b", "b").build());
    }

    @Test
    void restIsRefusedWhenTheMagicDeclaredNone() {
        assertThrows(IllegalStateException.class, () -> TIMEIT.parse("a").rest());
    }

    @Test
    void aNameThatIsNotAWordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArgSpec.line("my magic", "X.").build());
    }
    private static final ArgSpec REPEATS = ArgSpec.line("fetch", "Fetch things, 100% of them.")
            .repeatableOption("repo", 'r', "a repository; repeatable (%fetch --help)")
            .positionals("names", "what to fetch")
            .notes("A paragraph about %fetch that picocli wraps to the width of the help, however long it is.")
            .build();

    @Test
    void aRepeatableOptionKeepsEveryValueInOrder() {
        Args args = REPEATS.parse("-r a --repo b x -r=c");
        assertEquals(List.of("a", "b", "c"), args.strings("repo"));
        assertEquals(List.of("x"), args.strings("names"));
        assertEquals(List.of(), REPEATS.parse("x").strings("repo"));
    }

    @Test
    void helpShowsPercentSignsAndTheNotesBelowTheOptions() {
        String help = REPEATS.parse("--help").helpRequested();
        assertTrue(help.contains("Fetch things, 100% of them."), help);
        assertTrue(help.contains("(%fetch --help)"), help);
        assertTrue(help.indexOf("A paragraph about %fetch") > help.indexOf("--repo"), help);
    }
}
