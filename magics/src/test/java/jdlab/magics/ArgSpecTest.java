package jdlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;
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
                Arguments.of(TIMEIT, "--nmber 3", "%timeit: unknown option '--nmber'; did you mean '--number'?"),
                Arguments.of(TIMEIT, "--zzz", "%timeit: unknown option '--zzz'"),
                Arguments.of(TIMEIT, "-n five", "%timeit: Invalid value for option '--number': 'five' is not an int"),
                Arguments.of(TIMEIT, "-n", "%timeit: Missing required parameter for option '--number' (NUMBER)"),
                Arguments.of(WRITEFILE, "", "%%writefile: PATH is needed"),
                Arguments.of(WRITEFILE, "a.txt b.txt", "%%writefile: Unmatched argument at index 1: 'b.txt'"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineIsOneLineThatSaysWhatWasWrongAndPointsToHelp(ArgSpec spec, String line, String what) {
        UsageException e = assertThrows(UsageException.class, () -> spec.parse(line));
        assertEquals(what + " (" + spec.invocation() + " --help for usage)", e.getMessage());
    }

    @Test
    void helpIsAnsweredWithTheUsageBuiltFromTheDeclaration() {
        String help = TIMEIT.parse("--help").helpRequested();
        assertTrue(help.startsWith("Usage: %timeit [-hq] [-n=NUMBER] [WORDS...]"), help);
        assertTrue(help.contains("Time a statement."), help);
        assertTrue(help.contains("-n, --number=NUMBER"), help);
        assertTrue(help.contains("loops per run (default 7)"), help);
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
    void aBadOptionBeforeTheRestIsOneLine() {
        UsageException e = assertThrows(UsageException.class, () -> TIME.parse("-n x 1"));
        assertEquals("%time: Invalid value for option '--number': 'x' is not an int (%time --help for usage)",
                e.getMessage());
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

    private static final ArgSpec FIT = ArgSpec.line("fit", "Fit a model.")
            .positional("model", "a variable holding the model").variable(Object.class)
            .option("data", 'd', String.class, null, "a variable holding the data").variable(Object.class).required()
            .option("epochs", 'e', Integer.class, "10", "passes over the data")
            .option("history", '\0', String.class, null, "a variable for the history").newVariable("java.util.List<String>")
            .build();

    private static final ArgSpec EXPORT = ArgSpec.line("export", "Export a number.")
            .positional("model", "a variable holding a number").variable(Number.class)
            .build();

    private static final Object NET = new Object();
    private static final List<Integer> TRAIN = List.of(1, 2, 3);
    private final List<String> evaluated = new ArrayList<>();
    private final KernelContext session = session(List.of(new Variable("net", "Object", NET),
            new Variable("train", "List<Integer>", TRAIN), new Variable("greeting", "String", "hi"),
            new Variable("nothing", "Integer", null)), evaluated);

    // A session of variables only: eval records the code it is given, anything else is refused.
    private static KernelContext session(List<Variable> variables, List<String> evaluated) {
        return (KernelContext) Proxy.newProxyInstance(ArgSpecTest.class.getClassLoader(),
                new Class<?>[] {KernelContext.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "variables" -> variables;
                    case "eval" -> {
                        evaluated.add((String) arguments[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Stream<Arguments> linesNamingVariables() {
        return Stream.of(
                Arguments.of(FIT, "net", "%fit: --data NAME is needed (%fit --help for usage)"),
                Arguments.of(FIT, "nowhere --data train", "%fit: no variable nowhere is defined (%who lists them)"),
                Arguments.of(FIT, "net --data nowhere", "%fit: no variable nowhere is defined (%who lists them)"),
                Arguments.of(FIT, "net --data train --history 2bad",
                        "%fit: 2bad is not a Java variable name (%fit --help for usage)"),
                Arguments.of(FIT, "net --data train --history class",
                        "%fit: class is not a Java variable name (%fit --help for usage)"),
                Arguments.of(FIT, "net --data train --epoch 2",
                        "%fit: unknown option '--epoch'; did you mean '--epochs'? (%fit --help for usage)"),
                Arguments.of(EXPORT, "greeting", "%export: greeting is a java.lang.String, not a java.lang.Number"),
                Arguments.of(EXPORT, "nothing", "%export: nothing is null, not a java.lang.Number"));
    }

    @ParameterizedTest
    @MethodSource("linesNamingVariables")
    void aWrongOrMissingVariableIsOneLineNamingIt(ArgSpec spec, String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> spec.parse(spec.invocation(), line, session));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aVariableArgumentGivesTheLiveValue() {
        Args args = FIT.parse("%fit", "--data=train net -e 3", session);
        assertSame(NET, args.get("model", Object.class));
        assertSame(TRAIN, args.get("data", Object.class));
        assertEquals(3, args.integer("epochs"));
        assertEquals(Optional.empty(), args.given("history", String.class));
        assertEquals(7, EXPORT.parse("%export", "seven", session(List.of(new Variable("seven", "int", 7)), evaluated))
                .get("model", Number.class));
    }

    @Test
    void aNewVariableIsDeclaredWithItsTypeOnlyWhenNamed() throws Exception {
        FIT.parse("%fit", "net --data train", session).declare("history", List.of("a"), session);
        assertEquals(List.of(), evaluated);
        FIT.parse("%fit", "net --data train --history hist", session).declare("history", List.of("a"), session);
        assertEquals(1, evaluated.size());
        assertTrue(evaluated.get(0).startsWith(
                "@SuppressWarnings(\"unchecked\") java.util.List<String> hist = (java.util.List<String>) "), evaluated.get(0));
    }

    @Test
    void helpShowsDeclaredDefaultsAndVariablesAsNames() {
        String help = FIT.parse("--help").helpRequested();
        assertTrue(help.contains("passes over the data (default 10)"), help);
        assertTrue(help.contains("-d, --data=NAME"), help);
        assertTrue(help.startsWith("Usage: %fit [-h] -d=NAME [-e=EPOCHS] [--history=NAME] MODEL"), help);
    }

    private static final ArgSpec CLOCK = ArgSpec.lineAndCell("time", "Time code.")
            .alias("clock")
            .rest("statement", "the code")
            .build();

    @Test
    void aMagicWithAnAliasAndBothFormsIsWrittenFourWays() {
        assertEquals(List.of("%time", "%%time", "%clock", "%%clock"), CLOCK.invocations());
        Args args = CLOCK.parse("%clock", "1 + 1", null);
        assertEquals("%clock", args.invocation());
        assertEquals("1 + 1", args.code(null));
        String help = CLOCK.parse("%%clock", "--help", null).helpRequested();
        assertTrue(help.startsWith("Usage: %%clock"), help);
        assertTrue(help.contains("The same magic: %time, %%time, %clock, %%clock."), help);
        assertThrows(IllegalArgumentException.class, () -> CLOCK.parse("%timer", "", null));
    }

    static Stream<Arguments> codeOfEachForm() {
        return Stream.of(
                Arguments.of("%time", "", null, "%time: no code to run; write Java code after it (%time --help for usage)"),
                Arguments.of("%%time", "", " ", "%%time: no code to run; write Java code below it (%%time --help for usage)"),
                Arguments.of("%%time", "1 + 1", "2 + 2",
                        "%%time: the code goes in the cell below %%time, its line takes only options (%%time --help for usage)"));
    }

    @ParameterizedTest
    @MethodSource("codeOfEachForm")
    void codeIsTheLineOrTheCellNeverNoneOrBoth(String invocation, String line, String body, String message) {
        UsageException e = assertThrows(UsageException.class, () -> CLOCK.parse(invocation, line, null).code(body));
        assertEquals(message, e.getMessage());
        assertEquals("x", CLOCK.parse("%%time", "", null).code("x"));
    }

    static Stream<Arguments> wrongDeclarations() {
        return Stream.<Supplier<ArgSpec.Builder>>of(
                () -> ArgSpec.line("x", "X.").flag("quiet", 'q', "q").required(),
                () -> ArgSpec.line("x", "X.").option("n", 'n', Integer.class, "1", "n").required(),
                () -> ArgSpec.line("x", "X.").positional("a", "a").required(),
                () -> ArgSpec.line("x", "X.").repeatableOption("r", 'r', "r").variable(Object.class),
                () -> ArgSpec.line("x", "X.").option("n", 'n', Integer.class, null, "n").newVariable("int"),
                () -> ArgSpec.line("x", "X.").required(),
                () -> ArgSpec.line("x", "X.").alias("two words")).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("wrongDeclarations")
    void aDeclarationThatCannotWorkIsRefusedWhenBuilt(Supplier<ArgSpec.Builder> declaration) {
        assertThrows(IllegalArgumentException.class, () -> declaration.get().build());
    }
}
