package jdlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeBundleTest {

    @Test
    void keepsMimeTypesInTheOrderTheyWereAdded() {
        MimeBundle bundle = new MimeBundle()
                .put("text/plain", "t")
                .put("text/html", "<b>t</b>")
                .put("application/json", Map.of("a", 1))
                .put("image/png", "iVBOR");

        assertEquals(List.of("text/plain", "text/html", "application/json", "image/png"),
                List.copyOf(bundle.data().keySet()));
    }

    @Test
    void replacingARepresentationKeepsItsPlace() {
        MimeBundle bundle = new MimeBundle().put("text/plain", "old").put("text/html", "h").put("text/plain", "new");

        assertEquals(List.of("text/plain", "text/html"), List.copyOf(bundle.data().keySet()));
        assertEquals("new", bundle.data().get("text/plain"));
    }

    @Test
    void hasReportsOnlyTheTypesThatWereAdded() {
        MimeBundle bundle = new MimeBundle().put("text/html", "h").putMetadata("image/png", Map.of("width", 10));

        assertTrue(bundle.has("text/html"));
        assertFalse(bundle.has("text/plain"));
        assertFalse(bundle.has("image/png"), "metadata alone is not a representation");
    }

    @Test
    void keepsMetadataApartFromData() {
        MimeBundle bundle = new MimeBundle().put("image/png", "iVBOR").putMetadata("image/png", Map.of("width", 10));

        assertEquals(Map.of("image/png", "iVBOR"), bundle.data());
        assertEquals(Map.of("image/png", Map.of("width", 10)), bundle.metadata());
    }

    @Test
    void dataCannotBeChangedThroughItsView() {
        MimeBundle bundle = new MimeBundle().put("text/plain", "t");

        assertThrows(UnsupportedOperationException.class, () -> bundle.data().put("text/html", "h"));
        assertThrows(UnsupportedOperationException.class, () -> bundle.data().remove("text/plain"));
    }

    @Test
    void metadataCannotBeChangedThroughItsView() {
        MimeBundle bundle = new MimeBundle().putMetadata("image/png", 1);

        assertThrows(UnsupportedOperationException.class, () -> bundle.metadata().put("text/html", 2));
        assertThrows(UnsupportedOperationException.class, () -> bundle.metadata().clear());
    }

    @Test
    void viewsShowLaterAdditions() {
        MimeBundle bundle = new MimeBundle();
        Map<String, Object> view = bundle.data();

        bundle.put("text/plain", "t");

        assertEquals(Map.of("text/plain", "t"), view);
    }
}
