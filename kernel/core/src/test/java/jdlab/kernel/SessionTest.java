package jdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jdlab.api.CellHandler;
import jdlab.api.Display;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.kernel.eval.CellResult;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.kernel.io.OutputRouter;
import jdlab.kernel.io.StdinBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    /** One message the session published. */
    private record Published(String type, JsonObject content) { }

    /** Keeps what the session publishes, in order: the session's only view of the wire. */
    private static final class Recorder implements Publisher {
        final List<Published> messages = new ArrayList<>();

        @Override
        public synchronized void publish(String msgType, JsonObject content) {
            messages.add(new Published(msgType, content.deepCopy()));
        }

        List<String> types() {
            return messages.stream().map(Published::type).toList();
        }

        JsonObject only(String type) {
            List<JsonObject> found = messages.stream().filter(m -> m.type().equals(type)).map(Published::content).toList();
            assertEquals(1, found.size(), types().toString());
            return found.get(0);
        }
    }

    /** Runs {@code %%twice} cells as two Java evaluations, interrupting the session in between if asked. */
    private final class Twice implements CellHandler {
        @Override
        public boolean accepts(String cell) {
            return cell.startsWith("%%twice");
        }

        @Override
        public Object run(String cell, KernelContext context) throws Exception {
            String line = cell.substring("%%twice".length()).trim();
            context.eval(line);
            if (interruptBetween) {
                session.interrupt();
            }
            return context.eval(line);
        }
    }

    /** Refuses its argument, as a magic does with a wrong one. */
    private static final class Refuses implements CellHandler {
        @Override
        public boolean accepts(String cell) {
            return cell.startsWith("%refuse");
        }

        @Override
        public Object run(String cell, KernelContext context) throws UsageException {
            throw new UsageException("%refuse: no argument is right");
        }
    }

    private final OutputRouter output = new OutputRouter(System.err);
    private final PrintStream originalOut = System.out;
    private boolean interruptBetween;
    private final Session session = new Session(CompletableFuture.completedFuture(new JShellEvaluator()),
            new Plugins(List.of(new Twice(), new Refuses()), List.of(), note -> { }), output, new StdinBridge());
    private final Recorder recorder = new Recorder();

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
        output.close();
    }

    private CellResult run(String code, int count) {
        return session.execute(code, count, false, recorder, null);
    }

    @Test
    void aCellPublishesItsInputThenItsResultWithItsCount() {
        CellResult result = run("1 + 1", 3);

        assertInstanceOf(CellResult.Value.class, result);
        assertEquals(List.of("execute_input", "execute_result"), recorder.types());
        assertEquals("1 + 1", recorder.only("execute_input").get("code").getAsString());
        assertEquals(3, recorder.only("execute_input").get("execution_count").getAsInt());
        JsonObject shown = recorder.only("execute_result");
        assertEquals("2", shown.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(3, shown.get("execution_count").getAsInt());
    }

    @Test
    void aSilentCellPublishesNothingButStillRuns() {
        session.execute("int hidden = 5;", 1, true, recorder, null);

        assertEquals(List.of(), recorder.types());
        assertInstanceOf(CellResult.Value.class, run("hidden", 1));
    }

    @Test
    void aFailingCellPublishesItsErrorAndNoResult() {
        CellResult result = run("undefinedName + 1", 1);

        CellResult.Failure failure = assertInstanceOf(CellResult.Failure.class, result);
        assertEquals(List.of("execute_input", "error"), recorder.types());
        JsonObject error = recorder.only("error");
        assertEquals(failure.name(), error.get("ename").getAsString());
        assertTrue(error.getAsJsonArray("traceback").toString().contains("undefinedName"), error.toString());
    }

    @Test
    void whatACellPrintsIsPublishedAsItsStdoutBeforeItsResult() {
        System.setOut(output.stream(false));

        run("System.out.println(\"hello\"); 7", 1);

        assertEquals(List.of("execute_input", "stream", "execute_result"), recorder.types());
        JsonObject stream = recorder.only("stream");
        assertEquals("stdout", stream.get("name").getAsString());
        assertEquals("hello\n", stream.get("text").getAsString());
    }

    @Test
    void aDisplayedValueIsShownOnceWithItsIdAndUpdatesInPlace() {
        Display.connect(session);

        run("String id = display(\"first\"); id", 1);
        String id = recorder.only("display_data").getAsJsonObject("transient").get("display_id").getAsString();
        // the cell's value is the output's id, already shown: no execute_result repeats it
        assertEquals(List.of("execute_input", "display_data"), recorder.types());
        assertEquals("first", recorder.only("display_data").getAsJsonObject("data").get("text/plain").getAsString());

        session.displayHandle(id).update("second");
        JsonObject update = recorder.only("update_display_data");
        assertEquals(id, update.getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("second", update.getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void aPlainDisplayHasNoIdAndClearOutputGoesToTheCellsParent() {
        run("1", 1);
        Recorder laterCell = new Recorder();
        session.execute("2", 2, false, laterCell, null);

        session.display(List.of(1, 2));
        session.clearOutput(true);

        assertEquals(List.of("execute_input", "execute_result", "display_data", "clear_output"), laterCell.types());
        assertEquals(new JsonObject(), laterCell.only("display_data").getAsJsonObject("transient"));
        assertTrue(laterCell.only("clear_output").get("wait").getAsBoolean());
        assertEquals(List.of("execute_input", "execute_result"), recorder.types());
    }

    @Test
    void beforeAnyCellWhatIsShownGoesNowhere() {
        session.display("early");
        session.clearOutput(false);

        assertEquals(List.of(), recorder.types());
    }

    @Test
    void javaPassedThroughAHandlerReadsAsItWouldAlone() {
        run("%%twice \"x\" + 1", 1);

        assertEquals("\"x1\"", recorder.only("execute_result").getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void anInterruptBetweenAHandlersEvaluationsStopsTheRestOfTheCell() {
        run("int runs = 0;", 1);
        interruptBetween = true;

        CellResult result = run("%%twice runs++;", 2);

        assertInstanceOf(CellResult.Failure.class, result);
        assertEquals(List.of("execute_input", "error"), recorder.types().subList(recorder.types().size() - 2, recorder.types().size()));
        interruptBetween = false;
        CellResult runs = run("runs", 3);
        assertEquals(1, ((CellResult.Value) runs).value());
        assertFalse(session.interrupted(), "the next cell begins uninterrupted");
    }

    @Test
    void aHandlersUsageErrorIsOneRedLine() {
        CellResult.Failure failure = assertInstanceOf(CellResult.Failure.class, run("%refuse now", 1));

        assertEquals("UsageError", failure.name());
        assertEquals(List.of("\u001b[0;31m%refuse: no argument is right\u001b[0m"), failure.traceback());
    }

    @Test
    void evalThrowsTheApisExceptionForCodeThatDoesNotCompile() {
        assertThrows(UsageException.class, () -> session.eval("int = ;"));
    }

    @Test
    void userExpressionsAreShownOrGiveTheirError() {
        run("int n = 6;", 1);

        JsonObject results = session.userExpressions(JsonParser.parseString("{\"double\": \"n * 2\", \"bad\": \"nope\"}"));

        assertEquals("ok", results.getAsJsonObject("double").get("status").getAsString());
        assertEquals("12", results.getAsJsonObject("double").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", results.getAsJsonObject("bad").get("status").getAsString());
    }
}
