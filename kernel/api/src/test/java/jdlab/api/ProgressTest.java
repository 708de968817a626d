package jdlab.api;

import static jdlab.api.ProgressSnapshot.State.DONE;
import static jdlab.api.ProgressSnapshot.State.INTERRUPTED;
import static jdlab.api.ProgressSnapshot.State.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long MS = 1_000_000L;

    /** Shows bars by remembering them: the first snapshot, then every update, and the text shown to text clients. */
    private static final class Outputs implements Function<Object, DisplayHandle> {
        final List<ProgressSnapshot> shown = Collections.synchronizedList(new ArrayList<>());
        final List<ProgressSnapshot> updates = Collections.synchronizedList(new ArrayList<>());
        final List<MimeBundle> forTextClients = Collections.synchronizedList(new ArrayList<>());

        @Override
        public DisplayHandle apply(Object first) {
            if (first instanceof MimeBundle bundle) {
                forTextClients.add(bundle);
                return null;
            }
            shown.add((ProgressSnapshot) first);
            return new DisplayHandle() {
                @Override
                public String id() {
                    return "bar-" + shown.size();
                }

                @Override
                public void update(Object value) {
                    updates.add((ProgressSnapshot) value);
                }
            };
        }

        ProgressSnapshot last() {
            return updates.get(updates.size() - 1);
        }
    }

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final ProgressTicker ticker = new ProgressTicker(clock::get, interrupted::get, false);
    private final Outputs outputs = new Outputs();

    private Progress open(long total) {
        return Progress.open("rows", total, outputs, ticker);
    }

    private void tickAt(long ms) {
        clock.set(1_000 * MS + ms * MS);
        ticker.tick();
    }

    @Test
    void opensShowingZero() {
        open(10);
        assertEquals(List.of(new ProgressSnapshot("rows", 0, 10, 0, RUNNING)), outputs.shown);
        assertEquals(List.of(), outputs.updates);
    }

    @Test
    void closeShowsTheFinalLineOnceMoreForTextClientsAndNothingMoreInANotebook() {
        Progress bar = open(10);
        bar.step(10);
        clock.set(1_000 * MS + 2_000 * MS);
        bar.close();
        bar.close();

        assertEquals(1, outputs.forTextClients.size(), "once, however often it is closed");
        MimeBundle last = outputs.forTextClients.get(0);
        assertEquals(outputs.last().toString(), last.data().get("text/plain"));
        assertTrue(last.data().get("text/plain").toString().contains("10/10"));
        assertEquals(TextClients.HIDDEN_HTML, last.data().get("text/html"));
    }

    @Test
    void stepsShowAtTheFirstTickAnIntervalAfterTheLastUpdate() {
        Progress bar = open(10);
        bar.step(5);
        tickAt(50);
        assertEquals(List.of(), outputs.updates);
        tickAt(100);
        assertEquals(List.of(new ProgressSnapshot("rows", 5, 10, 100 * MS, RUNNING)), outputs.updates);
    }

    @Test
    void aTickWithNothingNewShowsNothing() {
        Progress bar = open(10);
        bar.step();
        tickAt(100);
        tickAt(200);
        tickAt(300);
        assertEquals(1, outputs.updates.size());
    }

    @Test
    void frequentTicksUpdateAtMostTenTimesASecond() {
        Progress bar = open(1_000_000);
        for (int ms = 0; ms < 1000; ms++) {
            for (int i = 0; i < 1000; i++) {
                bar.step();
            }
            tickAt(ms);
        }
        assertEquals(9, outputs.updates.size()); // at 100, 200, ... 900 ms
        for (int i = 1; i < outputs.updates.size(); i++) {
            long gap = outputs.updates.get(i).elapsedNanos() - outputs.updates.get(i - 1).elapsedNanos();
            assertTrue(gap >= ProgressTicker.INTERVAL_NANOS, "updates " + gap / MS + " ms apart");
        }
    }

    @Test
    void closeShowsTheFinalCountEvenRightAfterAnUpdate() {
        Progress bar = open(1000);
        bar.step(400);
        tickAt(100);
        bar.step(600);
        clock.set(1_000 * MS + 130 * MS);
        bar.close();
        assertEquals(new ProgressSnapshot("rows", 1000, 1000, 130 * MS, DONE), outputs.last());
        assertEquals(2, outputs.updates.size());
    }

    @Test
    void aClosedBarIsNoLongerTickedAndClosingAgainShowsNothing() {
        Progress bar = open(10);
        bar.step();
        assertEquals(1, ticker.activeCount());
        bar.close();
        assertEquals(0, ticker.activeCount());
        bar.step();
        bar.close();
        tickAt(500);
        assertEquals(1, outputs.updates.size());
        assertEquals(2, bar.count());
    }

    @Test
    void tryWithResourcesClosesTheBar() {
        try (Progress bar = open(3)) {
            bar.step(3);
        }
        assertEquals(DONE, outputs.last().state());
        assertEquals(3, outputs.last().count());
    }

    @Test
    void aBarNeverSteppedStartsNoTicking() {
        open(10);
        assertEquals(0, ticker.activeCount());
    }

    @Test
    void whenItsThreadEndsTheBarShowsWhereItStoppedAndStopsTicking() throws InterruptedException {
        Progress bar = open(1000);
        Thread loop = new Thread(() -> bar.step(300));
        loop.start();
        loop.join();
        tickAt(100);
        assertEquals(new ProgressSnapshot("rows", 300, 1000, 100 * MS, RUNNING), outputs.last());
        assertEquals(0, ticker.activeCount());
        tickAt(200);
        assertEquals(1, outputs.updates.size());
    }

    @Test
    void anInterruptedCellsBarSaysItWasInterrupted() throws InterruptedException {
        Progress bar = open(1000);
        Thread loop = new Thread(() -> bar.step(300));
        loop.start();
        loop.join();
        interrupted.set(true);
        tickAt(100);
        assertEquals(new ProgressSnapshot("rows", 300, 1000, 100 * MS, INTERRUPTED), outputs.last());
        assertEquals(0, ticker.activeCount());
    }

    @Test
    void aStepAfterItsThreadEndedStartsTickingAgain() throws InterruptedException {
        Progress bar = open(1000);
        Thread first = new Thread(() -> bar.step(300));
        first.start();
        first.join();
        tickAt(100);
        bar.step(200);
        assertEquals(1, ticker.activeCount());
        tickAt(200);
        assertEquals(500, outputs.last().count());
    }

    @Test
    void stepsFromManyThreadsAllCount() {
        Progress bar = open(400_000);
        IntStream.range(0, 400_000).parallel().forEach(i -> bar.step());
        bar.close();
        assertEquals(400_000, outputs.last().count());
    }

    @Test
    void aNegativeTotalSaysHowToGiveNone() {
        for (long total : new long[] {-3, ProgressSnapshot.UNKNOWN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(total));
            assertTrue(e.getMessage().contains("progress(label)"), e.getMessage());
        }
    }

    @Test
    void anUnknownTotalIsAllowed() {
        Progress bar = Progress.openWithoutTotal("lines", outputs, ticker);
        bar.step(7);
        bar.close();
        assertEquals("lines 7 it [00:00, ? it/s]", outputs.last().toString());
    }

    @Test
    void aNullLabelAndBackwardStepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Progress.open(null, 3, outputs, ticker));
        assertThrows(IllegalArgumentException.class, () -> Progress.over(null, "items", outputs, ticker));
        Progress bar = open(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bar.step(-1));
        assertTrue(e.getMessage().contains("0 or more"), e.getMessage());
    }

    @Test
    void iteratingCountsEachItemAndClosesAtTheEnd() {
        List<Integer> seen = new ArrayList<>();
        for (int item : Progress.over(List.of(1, 2, 3), "items", outputs, ticker)) {
            assertEquals(List.of(), outputs.updates); // no tick came, so only close updates it
            seen.add(item);
        }
        assertEquals(List.of(1, 2, 3), seen);
        assertEquals(new ProgressSnapshot("items", 0, 3, 0, RUNNING), outputs.shown.get(0));
        assertEquals(new ProgressSnapshot("items", 3, 3, 0, DONE), outputs.last());
        assertEquals(0, ticker.activeCount());
    }

    @Test
    void anItemCountsOnceTheLoopAsksForTheNext() {
        var items = Progress.over(List.of("a", "b"), "items", outputs, ticker).iterator();
        items.next();
        tickAt(100);
        assertEquals(List.of(), outputs.updates); // "a" is still being worked on
        items.next();
        tickAt(200);
        assertEquals(1, outputs.last().count());
    }

    @Test
    void iterablesOtherThanCollectionsHaveNoTotal() {
        Iterable<Integer> generated = () -> IntStream.range(0, 4).iterator();
        for (int ignored : Progress.over(generated, "gen", outputs, ticker)) {
            assertNotNull(outputs.shown.get(0));
        }
        assertEquals(new ProgressSnapshot("gen", 4, ProgressSnapshot.UNKNOWN, 0, DONE), outputs.last());
    }

    @Test
    void eachLoopOverTheItemsGetsABarOfItsOwn() {
        Iterable<Integer> counted = Progress.over(List.of(1, 2), "items", outputs, ticker);
        for (int ignored : counted) {
            assertEquals(1, outputs.shown.size());
        }
        for (int ignored : counted) {
            assertEquals(2, outputs.shown.size());
        }
    }

    @Test
    void aBarWhoseUpdateFailsIsNoLongerTickedButStillCloses() {
        List<ProgressSnapshot> closed = new ArrayList<>();
        Progress bar = Progress.open("rows", 10, first -> new DisplayHandle() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public void update(Object value) {
                ProgressSnapshot snapshot = (ProgressSnapshot) value;
                if (snapshot.state() == RUNNING) {
                    throw new IllegalStateException("client gone");
                }
                closed.add(snapshot);
            }
        }, ticker);
        bar.step();
        tickAt(100);
        assertEquals(0, ticker.activeCount());
        bar.close();
        assertEquals(DONE, closed.get(0).state());
    }

    @Test
    void theTickingThreadIsADaemonOutsideTheCellsGroupAndEndsWithTheLastBar() throws InterruptedException {
        ProgressTicker real = new ProgressTicker(System::nanoTime, () -> false, true);
        Progress bar = Progress.open("rows", 10, outputs, real);
        assertNull(real.thread());
        bar.step();
        Thread thread = real.thread();
        assertNotNull(thread);
        assertTrue(thread.isDaemon());
        assertNotSame(Thread.currentThread().getThreadGroup(), thread.getThreadGroup());
        assertNull(thread.getThreadGroup().getParent());
        bar.close();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(thread.isAlive());
        assertNull(real.thread());
    }

    @Test
    void theTickingThreadShowsStepsWithoutHelp() throws InterruptedException {
        ProgressTicker real = new ProgressTicker(System::nanoTime, () -> false, true);
        Progress bar = Progress.open("rows", 10, outputs, real);
        bar.step(4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outputs.updates.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(4, outputs.last().count());
        bar.close();
    }
}
