package jdlab.kernel.history;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jdlab.kernel.history.HistoryStore.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("history.jsonl");
    }

    @Test
    void theFirstKernelOnANewFileIsSessionOne() {
        assertEquals(1, new HistoryStore(file()).session());
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        HistoryStore store = storeWith("a", "b", "c");

        assertEquals(inputs("b", "c"), inputsOf(store.tail(2)));
        assertEquals(inputs("a", "b", "c"), inputsOf(store.tail(10)));
    }

    @Test
    void rangeIncludesStartAndExcludesStop() {
        HistoryStore store = storeWith("one", "two", "three", "four");

        assertEquals(List.of(new Entry(1, 2, "two"), new Entry(1, 3, "three")), store.range(1, 2, 4));
    }

    @Test
    void rangeWithStopZeroRunsToTheEnd() {
        HistoryStore store = storeWith("one", "two", "three");

        assertEquals(inputs("two", "three"), inputsOf(store.range(1, 2, 0)));
    }

    @Test
    void rangeOfSessionZeroIsThisSession() {
        new HistoryStore(file()).add(1, "earlier kernel");
        HistoryStore store = new HistoryStore(file());
        store.add(1, "this kernel");

        assertEquals(List.of(new Entry(2, 1, "this kernel")), store.range(0, 1, 0));
    }

    @Test
    void rangeOfANegativeSessionCountsBackFromThisOne() {
        new HistoryStore(file()).add(1, "two kernels ago");
        new HistoryStore(file()).add(1, "one kernel ago");
        HistoryStore store = new HistoryStore(file());

        assertEquals(List.of(new Entry(2, 1, "one kernel ago")), store.range(-1, 1, 0));
        assertEquals(List.of(new Entry(1, 1, "two kernels ago")), store.range(-2, 1, 0));
        assertEquals(List.of(new Entry(1, 1, "two kernels ago")), store.range(1, 1, 0));
    }

    static Stream<Arguments> globs() {
        return Stream.of(
                Arguments.of("int*", inputs("int x = 1;", "int y = 2;")),
                Arguments.of("*= 2;", inputs("int y = 2;")),
                Arguments.of("x?y", inputs("x.y", "xzy")),
                Arguments.of("x.y", inputs("x.y")),
                Arguments.of("print(x)", inputs("print(x)")),
                Arguments.of("*\n*", inputs("for (;;) {\n}")),
                Arguments.of("int", inputs()),
                Arguments.of("*", inputs("int x = 1;", "int y = 2;", "x.y", "xzy", "print(x)", "for (;;) {\n}")));
    }

    @ParameterizedTest(name = "\"{0}\" matches {1}")
    @MethodSource("globs")
    void searchMatchesTheWholeInputAgainstAGlob(String glob, List<String> expected) {
        HistoryStore store = storeWith("int x = 1;", "int y = 2;", "x.y", "xzy", "print(x)", "for (;;) {\n}");

        assertEquals(expected, inputsOf(store.search(glob, 0, false)));
    }

    @Test
    void searchWithUniqueKeepsEachInputOnceWhereItLastRan() {
        HistoryStore store = storeWith("a", "b", "a");

        assertEquals(List.of(new Entry(1, 2, "b"), new Entry(1, 3, "a")), store.search("*", 0, true));
    }

    @Test
    void searchWithNKeepsTheLastNMatches() {
        HistoryStore store = storeWith("a1", "b", "a2", "a3");

        assertEquals(inputs("a2", "a3"), inputsOf(store.search("a*", 2, false)));
    }

    @Test
    void aSecondKernelSeesTheFirstOnesCellsAndTakesTheNextSession() {
        HistoryStore first = new HistoryStore(file());
        first.add(1, "int x = 1;");
        first.add(2, "x + 1");

        HistoryStore second = new HistoryStore(file());

        assertEquals(2, second.session());
        assertEquals(List.of(new Entry(1, 1, "int x = 1;"), new Entry(1, 2, "x + 1")), second.tail(10));
    }

    @Test
    void aLineCutShortByACrashIsSkipped() throws IOException {
        write("{\"session\":3,\"line\":1,\"input\":\"kept\"}\n{\"session\":3,\"line\":2,\"inp");

        HistoryStore store = new HistoryStore(file());

        assertEquals(List.of(new Entry(3, 1, "kept")), store.tail(10));
        assertEquals(4, store.session());
    }

    @Test
    void aLineCutShortByACrashDoesNotSwallowTheNextKernelsFirstCell() throws IOException {
        write("{\"session\":3,\"line\":1,\"input\":\"kept\"}\n{\"session\":3,\"line\":2,\"inp");
        new HistoryStore(file()).add(1, "after the crash");

        HistoryStore reopened = new HistoryStore(file());

        assertEquals(List.of(new Entry(3, 1, "kept"), new Entry(4, 1, "after the crash")), reopened.tail(10));
    }

    @Test
    void aLineCutInsideAMultiByteCharacterDoesNotLoseTheRestOfTheHistory() throws IOException {
        byte[] good = "{\"session\":3,\"line\":1,\"input\":\"kept\"}\n".getBytes(UTF_8);
        byte[] cut = "{\"session\":3,\"line\":2,\"input\":\"€".getBytes(UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(good);
        bytes.write(cut, 0, cut.length - 2); // the crash left only the first byte of the euro sign
        Files.createDirectories(file().getParent());
        Files.write(file(), bytes.toByteArray());

        HistoryStore store = new HistoryStore(file());

        assertEquals(List.of(new Entry(3, 1, "kept")), store.tail(10));
        assertEquals(4, store.session());
    }

    static Stream<Arguments> damagedLines() {
        return Stream.of(
                Arguments.of("an empty line", ""),
                Arguments.of("not JSON", "not json at all"),
                Arguments.of("a JSON array", "[1, 2]"),
                Arguments.of("no input field", "{\"session\":5,\"line\":2}"),
                Arguments.of("a null input", "{\"session\":5,\"line\":2,\"input\":null}"),
                Arguments.of("a session that is not a number", "{\"session\":\"five\",\"line\":2,\"input\":\"x\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedLines")
    void aDamagedLineIsSkippedAndTheLinesAroundItKept(String description, String damaged) throws IOException {
        write("{\"session\":5,\"line\":1,\"input\":\"before\"}\n" + damaged + "\n{\"session\":5,\"line\":3,\"input\":\"after\"}\n");

        HistoryStore store = new HistoryStore(file());

        assertEquals(List.of(new Entry(5, 1, "before"), new Entry(5, 3, "after")), store.tail(10));
        assertEquals(6, store.session());
    }

    private HistoryStore storeWith(String... cells) {
        HistoryStore store = new HistoryStore(file());
        for (int i = 0; i < cells.length; i++) {
            store.add(i + 1, cells[i]);
        }
        return store;
    }

    private void write(String content) throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), content, UTF_8);
    }

    private static List<String> inputs(String... inputs) {
        return Arrays.asList(inputs);
    }

    private static List<String> inputsOf(List<Entry> entries) {
        return entries.stream().map(Entry::input).toList();
    }
}
