package jdlab.kernel.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OutputRouterTest {

    private static final long LIMIT = 10_000;

    private final ByteArrayOutputStream fallbackBytes = new ByteArrayOutputStream();
    private final PrintStream fallback = new PrintStream(fallbackBytes, true, UTF_8);
    private final OutputRouter router = new OutputRouter(fallback);
    private final PrintStream out = router.stream(false);

    @AfterEach
    void closeRouter() {
        router.close();
    }

    @Test
    void aThreadStartedInsideACellKeepsWritingToThatCellAfterTheNextOneBegins() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        CellStreams firstCell = new CellStreams(first, LIMIT);
        CellStreams secondCell = new CellStreams(second, LIMIT);
        CountDownLatch go = new CountDownLatch(1);

        router.enter(firstCell);
        Thread background = new Thread(() -> {
            await(go);
            out.print("from the first cell's thread");
        });
        background.start();
        router.leave(firstCell);
        router.enter(secondCell);
        go.countDown();
        background.join(TimeUnit.SECONDS.toMillis(10));
        router.leave(secondCell);
        firstCell.flush();

        assertEquals("from the first cell's thread", first.text("stdout"));
        assertEquals("", second.text("stdout"));
    }

    @Test
    void flushCellSendsTheCellsTextAtOnceSoWhatFollowsComesAfterIt() {
        RecordingSink sink = new RecordingSink();
        CellStreams cell = new CellStreams(sink, LIMIT);
        router.enter(cell);
        out.println("before the display");
        router.flushCell();
        assertEquals("before the display\n", sink.text("stdout"));
        router.leave(cell);
    }

    @Test
    void aThreadThatNeverSawACellWritesToTheRunningOne() throws Exception {
        RecordingSink sink = new RecordingSink();
        CellStreams cell = new CellStreams(sink, LIMIT);
        CountDownLatch go = new CountDownLatch(1);
        Thread stray = new Thread(() -> {
            await(go);
            out.print("stray");
        });
        stray.start();

        router.enter(cell);
        go.countDown();
        stray.join(TimeUnit.SECONDS.toMillis(10));
        router.leave(cell);

        assertEquals("stray", sink.text("stdout"));
    }

    @Test
    void writesWithNoCellGoToTheFallback() {
        out.print("kernel log line");
        out.flush();

        assertEquals("kernel log line", fallbackBytes.toString(UTF_8));
    }

    @Test
    void writesAfterLeavingGoToTheFallback() {
        RecordingSink sink = new RecordingSink();
        CellStreams cell = new CellStreams(sink, LIMIT);
        router.enter(cell);
        router.leave(cell);

        out.print("after");
        out.flush();

        assertEquals("after", fallbackBytes.toString(UTF_8));
        assertEquals("", sink.text("stdout"));
    }

    @Test
    void theErrorStreamWritesToTheCellsStderr() {
        RecordingSink sink = new RecordingSink();
        CellStreams cell = new CellStreams(sink, LIMIT);
        router.enter(cell);

        router.stream(true).print("oops");
        router.leave(cell);

        assertEquals("oops", sink.text("stderr"));
        assertEquals("", sink.text("stdout"));
    }

    @Test
    void sendsOutputWithoutWaitingForTheCellToEnd() throws Exception {
        RecordingSink sink = new RecordingSink();
        CellStreams cell = new CellStreams(sink, LIMIT);
        router.enter(cell);

        out.print("tick");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.text("stdout").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("tick", sink.text("stdout"));
        router.leave(cell);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
