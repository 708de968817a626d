package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavaSourceTest {

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("public class Hello { public static void main(String[] args) { } }", "Hello"),
                Arguments.of("class Hi {\n  public static void main(final String... argv) {}\n}", "Hi"),
                Arguments.of("class Helper { }\nclass App { public static void main(String[] args) {} }", "App"),
                Arguments.of("record Point(int x) { }\npublic class App {\n"
                        + "  public static void main(String []a) {}\n}\nclass After { }", "App"),
                Arguments.of("class NoMain { static void main(String[] args) {} }", null),
                Arguments.of("int x = 1;", null));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void findsTheTypeDeclaringPublicStaticVoidMain(String code, String expected) {
        assertEquals(Optional.ofNullable(expected), JavaSource.mainClass(code));
    }

    @Test
    void removesThePackageLineOnly() {
        String code = "// demo\npackage com.example.demo;\n\nimport java.util.List;\nclass A { }\n";
        assertEquals("// demo\n\n\nimport java.util.List;\nclass A { }\n", JavaSource.withoutPackage(code));
    }

    @Test
    void quotesTextAsAJavaStringLiteral() {
        assertEquals("\"a \\\"b\\\" c\\\\d\\n\"", JavaSource.literal("a \"b\" c\\d\n"));
    }
}
