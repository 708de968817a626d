package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import jdlab.kernel.eval.JShellEvaluator.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the kernel says about code without running it: completions, docs, completeness, indent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JShellEvaluatorAnalysisTest {

    private final JShellEvaluator evaluator = new JShellEvaluator();

    @AfterAll
    void close() {
        evaluator.close();
    }

    @Test
    void completesAMethodTheUserDeclaredInAnEarlierCell() {
        assertInstanceOf(CellResult.Done.class, evaluator.eval("int myUniqueHelper(int x) { return x; }", 1));

        JShellEvaluator.Completion completion = evaluator.complete("1 + myUniq", 10);

        assertTrue(completion.matches().contains("myUniqueHelper("), completion.matches().toString());
        assertEquals(4, completion.start());
        assertEquals(10, completion.end());
    }

    @Test
    void completesAJdkMemberFromAfterTheDot() {
        JShellEvaluator.Completion completion = evaluator.complete("Math.ma", 7);

        assertTrue(completion.matches().contains("max("), completion.matches().toString());
        assertEquals(5, completion.start());
    }

    @Test
    void documentsTheMethodUnderTheCursor() {
        List<String> docs = evaluator.documentation("Math.max(", 9);

        assertFalse(docs.isEmpty());
        assertTrue(docs.stream().anyMatch(d -> d.contains("Math.max(int")), docs.toString());
    }

    static Stream<Arguments> completeness() {
        return Stream.of(
                Arguments.of("int x = 1;", Verdict.COMPLETE),
                Arguments.of("1 + 1", Verdict.COMPLETE),
                Arguments.of("import java.util.*;\nint y = 2;", Verdict.COMPLETE),
                Arguments.of("", Verdict.COMPLETE),
                Arguments.of("for (int i = 0; i < 3; i++) {", Verdict.INCOMPLETE),
                Arguments.of("int x = 1;\nif (x > 0) {", Verdict.INCOMPLETE),
                Arguments.of("void f(", Verdict.INCOMPLETE),
                Arguments.of("/* an open comment", Verdict.INCOMPLETE),
                Arguments.of("int x = ;", Verdict.INVALID),
                Arguments.of("String s = \"unterminated", Verdict.INVALID),
                Arguments.of("}", Verdict.INVALID));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @MethodSource("completeness")
    void judgesWhetherACellIsReadyToRun(String code, Verdict verdict) {
        assertEquals(verdict, evaluator.isComplete(code));
    }

    static Stream<Arguments> indents() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("int x = 1;", ""),
                Arguments.of("for (int i = 0; i < 3; i++) {", "    "),
                Arguments.of("class A {\n    void f() {", "        "),
                Arguments.of("foo(1,", "    "),
                Arguments.of("int[] a = {1, 2};", ""),
                Arguments.of("}", ""),
                Arguments.of("}\nif (x) {", "    "),
                Arguments.of("if (x) {\n    System.out.println(\"}\");", "    "));
    }

    @ParameterizedTest(name = "[{index}] \"{1}\"")
    @MethodSource("indents")
    void indentsFourSpacesPerOpenBracket(String code, String indent) {
        assertEquals(indent, JShellEvaluator.indentAfter(code));
    }
}
