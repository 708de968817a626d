package jdlab.magics.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdlab.api.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PomDependenciesTest {

    private static final String GREETER = "<dependency><groupId>org.example</groupId>"
            + "<artifactId>greeter</artifactId><version>1.0</version></dependency>";

    private static MavenRequest request(List<String> coordinates, Map<String, String> repositories) {
        return new MavenRequest(coordinates, repositories, false, false, false);
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("bare dependency elements", GREETER + "\n<dependency><groupId>a</groupId>"
                                + "<artifactId>b</artifactId><version>2</version></dependency>",
                        request(List.of("org.example:greeter:1.0", "a:b:2"), Map.of())),
                Arguments.of("lists of dependencies and repositories", "<repositories><repository><id>scijava</id>"
                                + "<url>https://maven.scijava.org/content/groups/public</url></repository></repositories>"
                                + "<dependencies>" + GREETER + "</dependencies>",
                        request(List.of("org.example:greeter:1.0"),
                                Map.of("scijava", "https://maven.scijava.org/content/groups/public"))),
                Arguments.of("a whole project with a namespace and properties", """
                                <?xml version="1.0" encoding="UTF-8"?>
                                <project xmlns="http://maven.apache.org/POM/4.0.0">
                                  <properties><djl.version>0.35.1</djl.version></properties>
                                  <dependencyManagement><dependencies>
                                    <dependency><groupId>m</groupId><artifactId>managed</artifactId><version>9</version></dependency>
                                  </dependencies></dependencyManagement>
                                  <dependencies>
                                    <dependency>
                                      <groupId>ai.djl</groupId><artifactId>api</artifactId><version>${djl.version}</version>
                                      <exclusions><exclusion><groupId>x</groupId><artifactId>y</artifactId></exclusion></exclusions>
                                    </dependency>
                                    <dependency><groupId>t</groupId><artifactId>tests</artifactId><version>1</version><scope>test</scope></dependency>
                                  </dependencies>
                                  <build><plugins><plugin><dependencies>
                                    <dependency><groupId>p</groupId><artifactId>plugin-dep</artifactId><version>1</version></dependency>
                                  </dependencies></plugin></plugins></build>
                                  <distributionManagement><repository><id>release</id><url>https://nexus.example/r</url></repository></distributionManagement>
                                </project>""",
                        request(List.of("ai.djl:api:0.35.1"), Map.of())),
                Arguments.of("a classifier and a type", "<dependency><groupId>a</groupId><artifactId>b</artifactId>"
                                + "<version>1</version><classifier>linux-x86_64</classifier></dependency>"
                                + "<dependency><groupId>c</groupId><artifactId>d</artifactId><version>2</version>"
                                + "<type>zip</type></dependency>",
                        request(List.of("a:b:jar:linux-x86_64:1", "c:d:zip:2"), Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readsTheDependenciesAndRepositoriesThatMavenWouldAdd(String what, String cell, MavenRequest expected) {
        assertEquals(expected, PomDependencies.read(cell));
    }

    static Stream<Arguments> badCells() {
        return Stream.of(
                Arguments.of("<dependency><groupId>a</groupId>", "not well-formed XML, line 1: "),
                Arguments.of("<dependency><groupId>a</groupId><artifactId>b</artifactId></dependency>",
                        "<dependency> a:b has no <version>; a parent's dependency management is not read here,"
                                + " so name the version"),
                Arguments.of("<dependency><artifactId>b</artifactId><version>1</version></dependency>",
                        "a <dependency> has no <groupId>"),
                Arguments.of("<dependency><groupId>a</groupId><artifactId>b</artifactId><version>${v}</version>"
                        + "</dependency>", "${v} is not among the cell's <properties>"),
                Arguments.of("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><dependency/>",
                        "not well-formed XML"),
                Arguments.of("<project/>", "the cell has no <dependency> of compile or runtime scope;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCells")
    void aBadCellIsOneLineSayingWhatIsWrong(String cell, String start) {
        UsageException e = assertThrows(UsageException.class, () -> PomDependencies.read(cell));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals("%%loadFromPOM: " + start, e.getMessage().substring(0, ("%%loadFromPOM: " + start).length()));
    }
}
