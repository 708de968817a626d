package jdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import jdlab.api.CellHandler;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.Renderers;
import jdlab.api.ValueFormatter;
import org.junit.jupiter.api.Test;

class PluginsTest {

    private final List<String> notes = new ArrayList<>();

    private Plugins plugins(ValueFormatter... formatters) {
        return new Plugins(List.of(), List.of(formatters), notes::add);
    }

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
        MimeBundle bundle = plugins(new Broken(), new HtmlStrings()).format("hi", "\"hi\"", List.of());
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
        Plugins plugins = plugins(svg, new HtmlStrings());
        MimeBundle html = plugins.format("hi", "\"hi\"", List.of("text/html"));
        assertEquals(List.of("text/html", "text/plain"), List.copyOf(html.data().keySet()));
        assertEquals(0, svg.drawn);
        plugins.format("hi", "\"hi\"", List.of());
        assertEquals(1, svg.drawn);
    }

    @Test
    void everyBundleHasPlainTextEvenWithoutFormatters() {
        MimeBundle bundle = plugins().format(42, "42", List.of());
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
    }

    @Test
    void aValueWhoseToStringThrewShowsAsObjectWouldIt() {
        Object odd = new Object();
        MimeBundle bundle = plugins().format(odd, null, List.of());
        assertEquals("java.lang.Object@" + Integer.toHexString(System.identityHashCode(odd)), bundle.data().get("text/plain"));
    }

    @Test
    void aNullValueIsNotShownToFormatters() {
        MimeBundle bundle = plugins(new Broken()).format(null, "null", List.of());
        assertEquals("null", bundle.data().get("text/plain"));
    }

    @Test
    void aBundleAPluginBuiltIsShownAsItIsAndStillGetsPlainText() {
        MimeBundle given = new MimeBundle().put("text/html", "<i>x</i>");
        MimeBundle bundle = plugins(new HtmlStrings()).format(given, "ignored", List.of());
        assertEquals("<i>x</i>", bundle.data().get("text/html"));
        assertEquals("ignored", bundle.data().get("text/plain"));
    }

    @Test
    void textAskedForAsATypeNoFormatterGivesIsSentAsThatType() {
        MimeBundle bundle = plugins().format("<b>bold</b>", "<b>bold</b>", List.of("text/html", "text/markdown"));
        assertEquals("<b>bold</b>", bundle.data().get("text/html"));
        assertEquals("<b>bold</b>", bundle.data().get("text/markdown"));
        assertEquals("<b>bold</b>", bundle.data().get("text/plain"));
        assertEquals(List.of(), notes);
    }

    @Test
    void aFormattersRepresentationOfTextWinsOverTheTextItself() {
        MimeBundle bundle = plugins(new HtmlStrings()).format("hi", "hi", List.of("text/html"));
        assertEquals("<b>hi</b>", bundle.data().get("text/html"));
    }

    @Test
    void jsonTextAskedForAsAJsonTypeIsSentParsed() {
        MimeBundle bundle = plugins().format("{\"a\": [1, 2]}", "", List.of("application/json", "application/vnd.x+json"));
        assertEquals(JsonParser.parseString("{\"a\": [1, 2]}"), bundle.data().get("application/json"));
        assertEquals(JsonParser.parseString("{\"a\": [1, 2]}"), bundle.data().get("application/vnd.x+json"));
    }

    @Test
    void textThatIsNotJsonAskedForAsJsonIsLeftOutWithANote() {
        MimeBundle bundle = plugins().format("not json", "not json", List.of("application/json"));
        assertFalse(bundle.has("application/json"));
        assertEquals(List.of("render: the text given as application/json is not JSON, so it is left out"), notes);
    }

    @Test
    void aValueWithoutATypeAskedForIsNotSubstitutedAndGetsANoteNamingTheTypesItHas() {
        MimeBundle bundle = plugins(new CountingSvg()).format(42, "42", List.of("text/html"));
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
        assertEquals(List.of("render: a java.lang.Integer has no text/html, only image/svg+xml, text/plain;"
                + " text (a String) is shown as any type asked for"), notes);
    }

    @Test
    void aValueWithEveryTypeAskedForGetsNoNote() {
        plugins(new CountingSvg()).format(42, "42", List.of("image/svg+xml", "text/plain"));
        assertEquals(List.of(), notes);
    }
    // ---- renderers registered while the kernel runs ------------------------------------------

    @Test
    void aRendererRegisteredOverTheKernelDrawsInPlaceOfTheKernelsRenderers() {
        Plugins plugins = plugins(new HtmlStrings());
        plugins.registered().add(String.class, Renderers.OVER_KERNEL, (s, bundle) -> bundle.put("text/html", "<i>" + s + "</i>"));
        assertEquals("<i>x</i>", plugins.format("x", "x", List.of()).data().get("text/html"));
    }

    @Test
    void aRendererRegisteredUnderTheKernelDrawsOnlyWhatTheKernelCannotAndSaysSoOnceOtherwise() {
        Plugins plugins = plugins(new HtmlStrings());
        plugins.registered().add(Object.class, Renderers.UNDER_KERNEL, (o, bundle) -> bundle.put("text/html", "<u>" + o + "</u>"));
        assertEquals("<u>7</u>", plugins.format(7, "7", List.of()).data().get("text/html"));
        assertEquals("<b>x</b>", plugins.format("x", "x", List.of()).data().get("text/html"));
        plugins.format("y", "y", List.of());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("the kernel draws a java.lang.String itself"), notes.get(0));
        assertTrue(notes.get(0).contains("Renderers.OVER_KERNEL"), notes.get(0));
    }

    @Test
    void theHighestPriorityWinsThenTheLatestRegistrationAndRemovingOneRestoresTheOther() {
        Plugins plugins = plugins();
        plugins.registered().add(CharSequence.class, 5, (s, bundle) -> bundle.put("text/html", "five"));
        Renderers.Registration later = plugins.registered().add(String.class, 5, (s, bundle) -> bundle.put("text/html", "later"));
        plugins.registered().add(Object.class, 1, (s, bundle) -> bundle.put("text/html", "one"));
        assertEquals("later", plugins.format("x", "x", List.of()).data().get("text/html"));
        later.remove();
        later.remove();
        assertEquals("five", plugins.format("x", "x", List.of()).data().get("text/html"));
        assertEquals("one", plugins.format(3, "3", List.of()).data().get("text/html"));
    }

    @Test
    void aFailingRegisteredRendererIsReportedToTheUserAndThePlainTextStays() {
        Plugins plugins = plugins();
        plugins.registered().add(Integer.class, Renderers.OVER_KERNEL, (i, bundle) -> {
            throw new IllegalArgumentException("no ints today");
        });
        MimeBundle bundle = plugins.format(4, "4", List.of());
        assertEquals("4", bundle.data().get("text/plain"));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("registered for java.lang.Integer failed on a java.lang.Integer"), notes.get(0));
        assertTrue(notes.get(0).contains("no ints today"), notes.get(0));
    }

    @Test
    void clearingForgetsEveryRegistration() {
        Plugins plugins = plugins();
        plugins.registered().add(String.class, Renderers.OVER_KERNEL, (s, bundle) -> bundle.put("text/html", "r"));
        plugins.registered().clear();
        assertFalse(plugins.format("x", "x", List.of()).has("text/html"));
    }
}
