package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdlab.api.Variable;
import org.junit.jupiter.api.Test;

class JShellEvaluatorSessionTest {

    private final JShellEvaluator evaluator = new JShellEvaluator();

    @Test
    void variablesComeWithTheirDeclaredTypeAndLiveValue() {
        evaluator.eval("java.util.ArrayList<String> names = new java.util.ArrayList<>();\nint n = 2;", 1);
        Object names = ((CellResult.Value) evaluator.eval("names", 2)).value();
        List<Variable> variables = evaluator.variables();
        assertEquals(List.of("names", "n"), variables.stream().map(Variable::name).toList());
        assertEquals("java.util.ArrayList<String>", variables.get(0).type());
        assertSame(names, variables.get(0).value());
        assertEquals(2, variables.get(1).value());
    }

    @Test
    void importsAreListedAsWritten() {
        evaluator.eval("import java.util.*;\nimport static java.lang.Math.max;", 1);
        assertEquals(List.of("import static jdlab.api.Display.*;", "import java.util.*;", "import static java.lang.Math.max;"),
                evaluator.imports());
    }

    @Test
    void resetForgetsDeclarationsAndImportsButKeepsTheDisplayImport() {
        evaluator.eval("import java.util.*;\nint x = 1;\nint twice(int a) { return 2 * a; }", 1);
        evaluator.reset();
        assertTrue(evaluator.variables().isEmpty());
        assertEquals(List.of("import static jdlab.api.Display.*;"), evaluator.imports());
        assertInstanceOf(CellResult.Failure.class, evaluator.eval("twice(1)", 2));
        assertEquals(3, ((CellResult.Value) evaluator.eval("1 + 2", 3)).value());
    }

    @Test
    void valuesOfBareExpressionsAreNotListedAsVariables() {
        evaluator.eval("int kept = 1;", 1);
        evaluator.eval("kept + 41", 2);
        assertEquals(List.of("kept"), evaluator.variables().stream().map(Variable::name).toList());
    }
}
