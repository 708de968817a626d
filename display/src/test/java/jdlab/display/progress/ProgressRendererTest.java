package jdlab.display.progress;

import static jdlab.api.ProgressSnapshot.State.DONE;
import static jdlab.api.ProgressSnapshot.State.INTERRUPTED;
import static jdlab.api.ProgressSnapshot.State.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdlab.api.MimeBundle;
import jdlab.api.ProgressSnapshot;
import jdlab.display.Golden;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRunningBarShowsItsPartPercentCountTimesAndRate() {
        Golden.assertMatches("progress/running.html",
                ProgressRenderer.html(new ProgressSnapshot("rows", 450, 1000, (long) (2.5 * SECOND), RUNNING)));
    }

    @Test
    void aClosedBarIsFullAndGreenWithoutTimeLeft() {
        Golden.assertMatches("progress/done.html",
                ProgressRenderer.html(new ProgressSnapshot("rows", 1000, 1000, 4 * SECOND, DONE)));
    }

    @Test
    void anInterruptedBarIsRedAndSaysSo() {
        Golden.assertMatches("progress/interrupted.html",
                ProgressRenderer.html(new ProgressSnapshot("rows", 300, 1000, 3 * SECOND, INTERRUPTED)));
    }

    @Test
    void anUnknownTotalHasNoBar() {
        Golden.assertMatches("progress/unknown-total.html",
                ProgressRenderer.html(new ProgressSnapshot("lines", 450, ProgressSnapshot.UNKNOWN, 2 * SECOND, RUNNING)));
    }

    @Test
    void theLabelIsEscaped() {
        Golden.assertMatches("progress/escaped-label.html",
                ProgressRenderer.html(new ProgressSnapshot("<b>a & \"b\"</b>", 0, 10, 0, RUNNING)));
    }

    @Test
    void withItsStylesStrippedTheBarStaysAndItsPartsAreSpacedOnOneLine() {
        String untrusted = ProgressRenderer.html(new ProgressSnapshot("rows", 450, 1000, (long) (2.5 * SECOND), RUNNING))
                .replaceAll(" style=\"[^\"]*\"", ""); // as the classic Notebook's sanitizer does untrusted
        assertTrue(untrusted.contains("<progress max=\"1\" value=\"0.4500\"></progress>"), untrusted);
        assertEquals("rows  45% 450/1000 [00:02<00:03, 180.0 it/s]",
                untrusted.replaceAll("<[^>]*>", "").replace("&lt;", "<"));
    }

    @Test
    void onlyHtmlIsAddedAndOnlyWhenWanted() {
        ProgressRenderer renderer = new ProgressRenderer();
        ProgressSnapshot bar = new ProgressSnapshot("rows", 1, 2, SECOND, RUNNING);
        MimeBundle all = new MimeBundle();
        renderer.render(bar, all);
        assertEquals(List.of("text/html"), List.copyOf(all.data().keySet()));
        MimeBundle plainOnly = new MimeBundle(List.of("text/plain"));
        renderer.render(bar, plainOnly);
        assertFalse(plainOnly.has("text/html"));
    }

    @Test
    void drawsSnapshotsByTheirClassName() {
        assertEquals("jdlab.api.ProgressSnapshot", new ProgressRenderer().type());
    }
}
