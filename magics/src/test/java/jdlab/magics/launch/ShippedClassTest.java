package jdlab.magics.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import org.junit.jupiter.api.Test;

class ShippedClassTest {

    private static final List<Variable> SESSION = List.of(new Variable("base", "float[]", new float[] {1}),
            new Variable("scale", "Scale", 2), new Variable("unused", "int", 3), new Variable("rank", "int", 9),
            new Variable("quoted", "String", "q"));

    @Test
    void capturesTheVariablesTheBodyNamesButNotThoseInStringsCommentsOrInScope() {
        String body = "float[] v = base.clone(); // unused\nout.println(\"quoted\" + rank * scale);";
        assertEquals(List.of("base", "scale"), ShippedClass.captured(body, SESSION, ShippedClass.BODY_SCOPE).stream().map(Variable::name).toList());
    }

    @Test
    void aNameAfterADotIsAMemberNotAVariable() {
        String body = "var d = Mnist.base(path);\nd\n    .scale();\nout.println(base);";
        assertEquals(List.of("base"), ShippedClass.captured(body, SESSION, ShippedClass.BODY_SCOPE).stream().map(Variable::name).toList());
    }

    @Test
    void aVariableThatCannotBeShippedIsNamedInOneLine() {
        UsageException e = assertThrows(UsageException.class,
                () -> ShippedClass.checkShippable(List.of(new Variable("lock", "Object", new Object())), "%%launch"));
        assertTrue(e.getMessage().startsWith("%%launch: variable `lock` cannot be shipped to the workers"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void capturedVariablesBecomeFieldsOfTheirNamesAndTypesSetByTheConstructor() {
        String source = ShippedClass.bodySource("LaunchBody7", "out.println(base[0]);", SESSION.subList(0, 1));
        assertTrue(source.contains("private final float[] base;"), source);
        assertTrue(source.contains("public LaunchBody7(float[] base) {\n        this.base = base;"), source);
        assertTrue(source.contains("private void run() throws Exception {\nout.println(base[0]);\n    }"), source);
    }
}
