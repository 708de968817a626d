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
                failure.traceback().stream().map(JShellEvaluatorErrorsTest::plain).toList());
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

        List<String> lines = failure.traceback().stream().map(JShellEvaluatorErrorsTest::plain).toList();
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

    private static String plain(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
