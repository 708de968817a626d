package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a cell evaluates to: live values, or nothing to show. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JShellEvaluatorValuesTest {

    private final JShellEvaluator evaluator = new JShellEvaluator();
    private int cell;

    @AfterAll
    void close() {
        evaluator.close();
    }

    private CellResult eval(String code) {
        return evaluator.eval(code, ++cell);
    }

    @Test
    void declarationsPersistAcrossCells() {
        eval("int counter = 41;");

        CellResult.Value value = assertInstanceOf(CellResult.Value.class, eval("counter + 1"));

        assertEquals(42, value.value());
        assertEquals("42", value.text());
    }

    @Test
    void aTrailingExpressionGivesTheLiveObjectAndJShellsRendering() {
        CellResult.Value value = assertInstanceOf(CellResult.Value.class,
                eval("new java.util.ArrayList<>(java.util.List.of(1, 2))"));

        ArrayList<?> list = assertInstanceOf(ArrayList.class, value.value());
        assertEquals(List.of(1, 2), list);
        assertEquals("[1, 2]", value.text());
    }

    @Test
    void aBareVariableGivesTheVariablesOwnObject() {
        eval("var shared = new java.util.HashMap<String, Integer>();");

        Object first = assertInstanceOf(CellResult.Value.class, eval("shared")).value();
        Object second = assertInstanceOf(CellResult.Value.class, eval("shared")).value();

        assertInstanceOf(HashMap.class, first);
        assertSame(first, second);
    }

    @Test
    @SuppressWarnings("unchecked")
    void changesToALiveValueAreSeenByLaterCells() {
        eval("var box = new java.util.HashMap<String, Integer>();");
        Map<String, Integer> box = (Map<String, Integer>) assertInstanceOf(CellResult.Value.class, eval("box")).value();

        box.put("k", 7);

        assertEquals(7, assertInstanceOf(CellResult.Value.class, eval("box.get(\"k\")")).value());
    }

    @Test
    void theLastSnippetOfACellDecidesItsValue() {
        CellResult.Value value = assertInstanceOf(CellResult.Value.class, eval("int base = 40;\nbase + 2"));

        assertEquals(42, value.value());
    }

    @Test
    void aCellEndingInADeclarationAfterAnExpressionShowsNothing() {
        assertInstanceOf(CellResult.Done.class, eval("40 + 2;\nint afterwards = 3;"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "int lonely = 3;",
        "void noop() { }",
        "class Point { int x; }",
        "import java.util.concurrent.*;",
        "int reassigned = 1; reassigned = 2;",
        "System.out.print(\"\")"
    })
    void declarationsAssignmentsAndVoidCallsShowNothing(String code) {
        assertInstanceOf(CellResult.Done.class, eval(code));
    }

    @Test
    void aNullExpressionGivesAValueHoldingNull() {
        CellResult.Value value = assertInstanceOf(CellResult.Value.class, eval("(Object) null"));

        assertNull(value.value());
        assertEquals("null", value.text());
    }

    @Test
    void anEmptyCellShowsNothing() {
        assertInstanceOf(CellResult.Done.class, eval("  \n// only a comment\n"));
    }

    @Test
    void evalForValueGivesThePluginTheLiveObject() throws Exception {
        Object value = evaluator.evalForValue("java.util.List.of(\"a\", \"b\")", ++cell).value();

        assertEquals(List.of("a", "b"), value);
    }

    @Test
    void evalForValueGivesThePluginTheExceptionAsTheCodeThrewIt() {
        NumberFormatException e = assertThrows(NumberFormatException.class,
                () -> evaluator.evalForValue("Integer.parseInt(\"x\")", ++cell));

        assertEquals("For input string: \"x\"", e.getMessage());
    }

    @Test
    void evalForValueRejectsCodeThatDoesNotCompileWithTheApisUsageException() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluator.evalForValue("int = ;", ++cell));

        assertInstanceOf(jdlab.api.UsageException.class, e);
        assertEquals("CompilationError", e.failure().name());
    }
}
