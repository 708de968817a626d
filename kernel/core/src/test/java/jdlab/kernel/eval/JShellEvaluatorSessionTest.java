package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
        evaluator.eval("import java.awt.Point;\nimport static java.lang.Math.max;", 1);
        List<String> imports = evaluator.imports();
        assertEquals(List.of("import java.awt.Point;", "import static java.lang.Math.max;"),
                imports.subList(imports.size() - 2, imports.size()));
    }

    @Test
    void aSessionStartsWithJShellsDefaultImportsAndTheKernelsCalls() {
        assertTrue(evaluator.imports().containsAll(List.of("import java.util.*;", "import java.nio.file.*;",
                "import java.util.stream.*;", "import static jdlab.api.Display.*;", "import static jdlab.api.Printing.*;")),
                evaluator.imports().toString());
        assertEquals(List.of(1, 2), ((CellResult.Value) evaluator.eval("List.of(1, 2)", 1)).value());
    }

    @Test
    void importingAgainWhatTheSessionImportedKeepsTheRestOfItsImports() {
        evaluator.eval("import java.util.*;\nimport static jdlab.api.Display.*;", 1);

        assertTrue(evaluator.imports().contains("import java.nio.file.*;"), evaluator.imports().toString());
        assertInstanceOf(CellResult.Value.class, evaluator.eval("Path.of(\"a\")", 2));
    }

    @Test
    void printPrintlnAndPrintfWorkAsInJShell() {
        String printed = Captured.stdout(() -> evaluator.eval(
                "print(\"a\"); print(1); println(new char[] {'b'}); printf(\"%d%n\", 2); println();", 1));
        assertEquals("a1b\n2\n\n", printed);
    }

    @Test
    void resetForgetsDeclarationsAndImportsButKeepsTheSessionsImports() {
        List<String> atStart = evaluator.imports();
        evaluator.eval("import java.awt.Point;\nint x = 1;\nint twice(int a) { return 2 * a; }", 1);
        evaluator.reset();
        assertTrue(evaluator.variables().isEmpty());
        assertEquals(atStart, evaluator.imports());
        assertInstanceOf(CellResult.Failure.class, evaluator.eval("twice(1)", 2));
        assertEquals(3, ((CellResult.Value) evaluator.eval("1 + 2", 3)).value());
    }

    @Test
    void valuesOfBareExpressionsAreNotListedAsVariables() {
        evaluator.eval("int kept = 1;", 1);
        evaluator.eval("kept + 41", 2);
        assertEquals(List.of("kept"), evaluator.variables().stream().map(Variable::name).toList());
    }

    @Test
    void classesOfCellsAreWrittenAsCompiledByBinaryNameAndGoWithTheSession() throws Exception {
        evaluator.eval("class Counter { int count(int n) { int c = 0; while (c < n) c++; return c; } }", 1);
        Class<?> counter = (Class<?>) ((CellResult.Value) evaluator.eval("Counter.class", 2)).value();
        Path dir = evaluator.classOutputDir();
        Path written = dir.resolve(counter.getName().replace('.', '/') + ".class");
        byte[] bytes = Files.readAllBytes(written);
        assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, java.util.Arrays.copyOf(bytes, 4));
        // as compiled: the interrupt checks woven into the loaded class are not in the file
        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("jdlab/kernel/eval/Interrupts"));
        try (Stream<Path> tmp = Files.list(written.getParent())) {
            assertTrue(tmp.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
        // made on first use with the classes so far; later ones are written as they are compiled
        evaluator.eval("record Later(int x) { }", 3);
        Class<?> later = (Class<?>) ((CellResult.Value) evaluator.eval("Later.class", 4)).value();
        assertTrue(Files.exists(dir.resolve(later.getName().replace('.', '/') + ".class")));
        evaluator.close();
        assertFalse(Files.exists(dir));
    }
}
