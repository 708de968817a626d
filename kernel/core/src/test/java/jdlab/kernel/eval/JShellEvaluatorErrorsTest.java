package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Compile and runtime errors, pointing at the user's cell, line and column. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JShellEvaluatorErrorsTest {

    private final JShellEvaluator evaluator = new JShellEvaluator();
    private int cell;

    @BeforeAll
    void declareAMethodThatThrows() {
        assertInstanceOf(CellResult.Done.class, eval("void explode() { throw new IllegalStateException(\"boom\"); }"));
    }

    @AfterAll
    void close() {
        evaluator.close();
    }

    private CellResult eval(String code) {
        return evaluator.eval(code, ++cell);
    }

    private CellResult.Failure fail(String code) {
        return assertInstanceOf(CellResult.Failure.class, eval(code));
    }

    static Stream<Arguments> compileErrors() {
        return Stream.of(
                Arguments.of("int c1 = \"x\";", 1, 10),
                Arguments.of("void f2() {\n    int y = 1;\n    String s = y;\n}", 3, 16),
                Arguments.of("int a3 = 1;\nint b3 = 2;\nint c3 = \"x\";", 3, 10),
                Arguments.of("int v4 = 0;\n// a comment\nint u4 = \"s\";", 3, 10),
                Arguments.of("\n\nint c5 = \"x\";", 3, 10),
                Arguments.of("int v6 = 0; int u6 = \"s\";", 1, 22));
    }

    @ParameterizedTest(name = "[{index}] line {1}, column {2}")
    @MethodSource("compileErrors")
    void pointsACompileErrorAtItsCellLineAndColumn(String code, int line, int column) {
        int number = cell + 1;

        CellResult.Failure failure = fail(code);

        assertEquals("CompilationError", failure.name());
        String where = plain(failure.traceback().get(0));
        assertTrue(where.startsWith("cell [" + number + "], line " + line + ", column " + column + ": "),
                () -> "in " + code.replace("\n", "\\n") + " got " + where);
    }

    @Test
    void aCompileErrorQuotesItsLineAndUnderlinesTheSpan() {
        CellResult.Failure failure = fail("int a7 = 1;\nint b7 = 2;\nint c7 = \"x\";");

        assertEquals(3, failure.traceback().size());
        assertEquals("    int c7 = \"x\";", failure.traceback().get(1));
        assertEquals("             ^^^", failure.traceback().get(2));
    }

    @Test
    void aCompileErrorsValueIsJavacsMessage() {
        CellResult.Failure failure = fail("int c8 = \"x\";");

        assertTrue(failure.value().startsWith("incompatible types"), failure.value());
        assertTrue(plain(failure.traceback().get(0)).endsWith(failure.value()), failure.traceback().get(0));
    }

    @Test
    void aCellStopsAtItsFirstErrorAndKeepsWhatRanBefore() {
        fail("int before9 = 1;\nint bad9 = \"x\";\nint after9 = 3;");

        assertInstanceOf(CellResult.Value.class, eval("before9"));
        assertInstanceOf(CellResult.Failure.class, eval("after9"));
    }

    @Test
    void aRuntimeErrorNamesTheExceptionItsMessageAndTheCellLinesWithCauses() {
        int number = cell + 1;

        CellResult.Failure failure = fail(
                "void rethrow() {\n    throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));\n}\nrethrow();");

        assertEquals("java.lang.IllegalStateException", failure.name());
        assertEquals("outer", failure.value());
        assertEquals(List.of(
                "java.lang.IllegalStateException: outer",
                "    at rethrow(cell [" + number + "], line 2)",
                "    at cell [" + number + "], line 4",
                "Caused by: java.io.IOException: inner",
                "    at rethrow(cell [" + number + "], line 2)",
                "    at cell [" + number + "], line 4"),
                withoutQuotes(failure.traceback()));
    }

    @Test
    void eachCellFrameQuotesItsLineWithAnArrowBetweenItsNeighbours() {
        int number = cell + 1;

        CellResult.Failure failure = fail("int pick(String s) {\n    return Integer.parseInt(s);\n}\n\npick(\"x\");");

        List<String> lines = failure.traceback().stream().map(JShellEvaluatorErrorsTest::plain).toList();
        int frame = lines.indexOf("    at pick(cell [" + number + "], line 2)");
        assertEquals(List.of(
                "          1 | int pick(String s) {",
                "      --> 2 |     return Integer.parseInt(s);",
                "          3 | }"), lines.subList(frame + 1, frame + 4), lines.toString());
        assertEquals(List.of("    at cell [" + number + "], line 5", "      --> 5 | pick(\"x\");"),
                lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void theJdksOwnFramesAboveTheUsersCallAreFoldedToOneLine() {
        int number = cell + 1;

        CellResult.Failure failure = fail("Integer.parseInt(\"x\")");

        assertEquals(List.of(
                "java.lang.NumberFormatException: For input string: \"x\"",
                "    ... 2 frames inside the JDK"),
                failure.traceback().stream().map(JShellEvaluatorErrorsTest::plain).toList().subList(0, 2));
        List<String> frames = withoutQuotes(failure.traceback());
        assertTrue(frames.get(2).startsWith("    at java.base/java.lang.Integer.parseInt("), frames.toString());
        assertEquals("    at cell [" + number + "], line 1", frames.get(3));
        assertEquals(4, frames.size(), frames.toString());
    }

    static Stream<Arguments> runtimeErrors() {
        return Stream.of(
                Arguments.of("explode();", 1),
                Arguments.of("int w2 = 0;\nexplode();", 2),
                Arguments.of("int w3 = 0;\n\nexplode();", 3),
                Arguments.of("// first a comment\nexplode();", 2),
                Arguments.of("if (true) {\n    explode();\n}", 2),
                Arguments.of("int w6 = 0;\n// then a comment\nexplode();", 3));
    }

    @ParameterizedTest(name = "[{index}] line {1}")
    @MethodSource("runtimeErrors")
    void pointsARuntimeErrorAtTheCellLineThatRaisedIt(String code, int line) {
        int number = cell + 1;

        CellResult.Failure failure = fail(code);

        List<String> lines = withoutQuotes(failure.traceback());
        assertEquals("    at explode(cell [1], line 1)", lines.get(1));
        assertEquals("    at cell [" + number + "], line " + line, lines.get(lines.size() - 1),
                () -> "in " + code.replace("\n", "\\n"));
    }

    @Test
    void aRuntimeErrorWithoutAMessageHasAnEmptyValue() {
        CellResult.Failure failure = fail("throw new UnsupportedOperationException();");

        assertEquals("java.lang.UnsupportedOperationException", failure.name());
        assertEquals("", failure.value());
    }

    @Test
    void nullPointerMessagesNameTheUsersVariableNotJShellsWrapper() {
        CellResult.Failure failure = fail("String missing10 = null;\nmissing10.length()");

        assertEquals("java.lang.NullPointerException", failure.name());
        assertTrue(failure.value().contains("because \"missing10\" is null"), failure.value());
        assertFalse(String.join("\n", failure.traceback()).contains("$JShell$"), failure.traceback().toString());
    }

    @Test
    void callingAMethodWhoseDependencyIsMissingSaysWhatToDeclare() {
        CellResult.Failure failure = fail("int usesMissing() { return missingThing(); }\nusesMissing()");

        assertEquals("UnresolvedReferenceException", failure.name());
        assertTrue(failure.value().contains("missingThing()"), failure.value());
    }

    @Test
    void aLongLineIsCutToAWindowAroundTheErrorSoTheMarkerStaysUnderIt() {
        String padding = "1 + ".repeat(40);
        CellResult.Failure failure = fail("int long11 = " + padding + "missing11;");

        String line = failure.traceback().get(1);
        String marker = failure.traceback().get(2);
        assertTrue(line.length() <= 4 + Underlined.WINDOW + 2, line);
        int caret = marker.indexOf('^');
        assertEquals("missing11", line.substring(caret, caret + 9), line + "\n" + marker);
        assertEquals("^".repeat(9), marker.strip());
    }

    @Test
    void aTabInTheLineIsATabInTheMarker() {
        CellResult.Failure failure = fail("\tint tab12 = \"x\";");

        assertEquals("    \tint tab12 = \"x\";", failure.traceback().get(1));
        assertEquals("    \t            ^^^", failure.traceback().get(2));
    }

    @Test
    void aMissingClassSaysWhichImportWouldProvideIt() {
        CellResult.Failure failure = fail("Point p13 = null;");

        String hint = plain(failure.traceback().get(failure.traceback().size() - 1));
        assertTrue(hint.startsWith("did you mean: import java.awt.Point;"), hint);
    }

    @Test
    void aClassThatCannotBeImportedIsNotSuggested() {
        // java.util.ImmutableCollections is package-private: importing it would fail too.
        CellResult.Failure failure = fail("ImmutableCollections none14 = null;");

        assertTrue(failure.traceback().stream().noneMatch(line -> line.contains("did you mean")), failure.traceback().toString());
    }

    @Test
    void aMissingPackageSaysToAddItsJar() {
        CellResult.Failure failure = fail("import org.example.nowhere.Thing;");

        String hint = plain(failure.traceback().get(failure.traceback().size() - 1));
        assertTrue(hint.startsWith("org.example.nowhere is not on the class path: add its jar with %maven"), hint);
    }

    @Test
    void theKernelsOwnLibrariesDoNotCompileInCells() {
        // junit is on this test JVM's class path, as the kernel's libraries are on the kernel's
        CellResult.Failure failure = fail("import org.junit.jupiter.api.Test;");

        assertEquals("CompilationError", failure.name());
    }

    @Test
    void aDeclarationNamingAClassThatIsNotThereSaysSoAndWhichImportWouldProvideIt() {
        String warned = Captured.stderr(() -> assertInstanceOf(CellResult.Done.class, eval("Point p14;")));
        assertEquals("p14 is declared, but cannot be used until this is declared: class Point\n"
                + "did you mean: import java.awt.Point;\n", warned);
    }

    private static List<String> withoutQuotes(List<String> traceback) {
        return traceback.stream().map(JShellEvaluatorErrorsTest::plain).filter(l -> !l.startsWith("      ")).toList();
    }

    private static String plain(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
