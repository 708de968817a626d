package jdlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import jdlab.api.MimeBundle;
import org.junit.jupiter.api.Test;

class RendererRegistryTest {

    private record Html<T>(String type, String text) implements Renderer<T> {
        @Override
        public void render(T value, MimeBundle bundle) {
            bundle.put("text/html", text);
        }
    }

    private static String html(RendererRegistry registry, Object value) {
        MimeBundle bundle = new MimeBundle();
        registry.format(value, bundle);
        return (String) bundle.data().get("text/html");
    }

    @Test
    void theValuesOwnClassWinsOverASuperclassAndAnInterface() {
        RendererRegistry registry = new RendererRegistry(List.of(new Html<>("java.util.AbstractList", "abstract list"),
                new Html<>("java.util.List", "list"), new Html<>("java.util.ArrayList", "array list")));
        assertEquals("array list", html(registry, new ArrayList<>()));
    }

    @Test
    void superclassesComeBeforeInterfaces() {
        RendererRegistry registry = new RendererRegistry(List.of(new Html<>("java.util.List", "list"),
                new Html<>("java.util.AbstractList", "abstract list")));
        assertEquals("abstract list", html(registry, new ArrayList<>()));
    }

    @Test
    void nearerInterfacesComeBeforeTheirParents() {
        RendererRegistry registry = new RendererRegistry(List.of(new Html<>("java.util.Collection", "collection"),
                new Html<>("java.util.List", "list")));
        assertEquals("list", html(registry, List.of(1)));
    }

    @Test
    void aValueWithNoRendererGetsNothing() {
        RendererRegistry registry = new RendererRegistry(List.of(new Html<>("java.util.List", "list")));
        MimeBundle bundle = new MimeBundle();
        registry.format(42, bundle);
        assertFalse(bundle.has("text/html"));
    }

    @Test
    void aThrowingRendererCostsOnlyWhatItHadNotAdded() {
        Renderer<Object> broken = new Renderer<>() {
            @Override
            public String type() {
                return "java.lang.Integer";
            }

            @Override
            public void render(Object value, MimeBundle bundle) {
                bundle.put("text/html", "<b>42</b>");
                throw new IllegalStateException("no image for you");
            }
        };
        MimeBundle bundle = new MimeBundle();
        new RendererRegistry(List.of(broken)).format(42, bundle);
        assertEquals("<b>42</b>", bundle.data().get("text/html"));
    }

    @Test
    void twoRenderersForOneTypeAreRefused() {
        assertThrows(IllegalStateException.class, () -> new RendererRegistry(List.of(new Html<>("java.util.List", "a"),
                new Html<>("java.util.List", "b"))));
    }
}
