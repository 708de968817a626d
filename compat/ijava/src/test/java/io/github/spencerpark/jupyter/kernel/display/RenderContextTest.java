package io.github.spencerpark.jupyter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import java.util.Set;
import jdlab.api.MimeBundle;
import org.junit.jupiter.api.Test;

class RenderContextTest {

    @Test
    void drawsTheRegisteredTypesWhenTheCellNamesNone() {
        MimeBundle bundle = new MimeBundle();
        RenderContext context = new RenderContext(bundle, Set.of(MIMEType.TEXT_HTML));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>x</b>");
        context.renderIfRequested(MIMEType.TEXT_MARKDOWN, () -> "**x**");
        assertEquals("<b>x</b>", bundle.data().get("text/html"));
        assertFalse(bundle.has("text/markdown"));
    }

    @Test
    void drawsOnlyTheTypesACellNamesAndGivesTheFunctionItsType() {
        MimeBundle bundle = new MimeBundle(List.of("text/markdown"));
        RenderContext context = new RenderContext(bundle, Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN));
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> {
            throw new AssertionError("HTML was not asked for");
        });
        context.renderIfRequested(MIMEType.TEXT_MARKDOWN, type -> "drawn as " + type);
        assertTrue(context.wantsDataRenderedAs(MIMEType.TEXT_MARKDOWN));
        assertEquals("drawn as text/markdown", bundle.data().get("text/markdown"));
    }

    @Test
    void mimeTypesAreValuesAndABadNameIsRefused() {
        assertEquals(MIMEType.IMAGE_SVG, MIMEType.parse("image/svg+xml"));
        assertEquals("text/html", MIMEType.TEXT_HTML.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MIMEType.parse("html"));
        assertEquals("not a MIME type (group/subtype): \"html\"", e.getMessage());
    }
}
