package jdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdlab.api.CellHandler;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.ValueFormatter;
import org.junit.jupiter.api.Test;

class PluginsTest {

    /** Claims cells that start with {@code %%shout}; registered in test resources for ServiceLoader. */
    public static final class ShoutHandler implements CellHandler {
        @Override
        public boolean accepts(String cell) {
            return cell.startsWith("%%shout");
        }

        @Override
        public Object run(String cell, KernelContext context) {
            return cell.substring("%%shout".length()).trim().toUpperCase();
        }
    }

    /** Renders strings as HTML; registered in test resources. */
    public static final class HtmlStrings implements ValueFormatter {
        @Override
        public void format(Object value, MimeBundle bundle) {
            if (value instanceof String s) {
                bundle.put("text/html", "<b>" + s + "</b>");
            }
        }
    }

    /** Fails on everything, as a buggy renderer would; registered in test resources after HtmlStrings. */
    public static final class Broken implements ValueFormatter {
        @Override
        public void format(Object value, MimeBundle bundle) {
            throw new IllegalStateException("broken renderer");
        }
    }

    @Test
    void serviceLoaderFindsRegisteredHandlersAndFormatters() {
        Plugins plugins = Plugins.load();
        assertInstanceOf(ShoutHandler.class, plugins.handlerFor("%%shout hi").orElseThrow());
        assertTrue(plugins.format("x", "\"x\"", List.of()).has("text/html"));
    }

    @Test
    void cellsNoHandlerClaimsAreLeftForJShell() {
        assertFalse(Plugins.load().handlerFor("int x = 1;").isPresent());
    }

    @Test
    void aThrowingFormatterCostsOnlyItsOwnMimeType() {
        MimeBundle bundle = new Plugins(List.of(), List.of(new Broken(), new HtmlStrings())).format("hi", "\"hi\"", List.of());
        assertEquals("<b>hi</b>", bundle.data().get("text/html"));
        assertEquals("\"hi\"", bundle.data().get("text/plain"));
    }

    /** Counts its work, to show that a type nobody wants is not computed. */
    static final class CountingSvg implements ValueFormatter {
        int drawn;

        @Override
        public void format(Object value, MimeBundle bundle) {
            if (bundle.wants("image/svg+xml")) {
                drawn++;
                bundle.put("image/svg+xml", "<svg/>");
            }
        }
    }

    @Test
    void onlyTheTypesAskedForAreComputedAndKept() {
        CountingSvg svg = new CountingSvg();
        Plugins plugins = new Plugins(List.of(), List.of(svg, new HtmlStrings()));
        MimeBundle html = plugins.format("hi", "\"hi\"", List.of("text/html"));
        assertEquals(List.of("text/html", "text/plain"), List.copyOf(html.data().keySet()));
        assertEquals(0, svg.drawn);
        plugins.format("hi", "\"hi\"", List.of());
        assertEquals(1, svg.drawn);
    }

    @Test
    void everyBundleHasPlainTextEvenWithoutFormatters() {
        MimeBundle bundle = new Plugins(List.of(), List.of()).format(42, "42", List.of());
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
    }

    @Test
    void aValueWhoseToStringThrewShowsAsObjectWouldIt() {
        Object odd = new Object();
        MimeBundle bundle = new Plugins(List.of(), List.of()).format(odd, null, List.of());
        assertEquals("java.lang.Object@" + Integer.toHexString(System.identityHashCode(odd)), bundle.data().get("text/plain"));
    }

    @Test
    void aNullValueIsNotShownToFormatters() {
        MimeBundle bundle = new Plugins(List.of(), List.of(new Broken())).format(null, "null", List.of());
        assertEquals("null", bundle.data().get("text/plain"));
    }

    @Test
    void aBundleAPluginBuiltIsShownAsItIsAndStillGetsPlainText() {
        MimeBundle given = new MimeBundle().put("text/html", "<i>x</i>");
        MimeBundle bundle = new Plugins(List.of(), List.of(new HtmlStrings())).format(given, "ignored", List.of());
        assertEquals("<i>x</i>", bundle.data().get("text/html"));
        assertEquals("ignored", bundle.data().get("text/plain"));
    }
}
