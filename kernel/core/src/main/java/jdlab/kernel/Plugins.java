package jdlab.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import jdlab.api.CellHandler;
import jdlab.api.MimeBundle;
import jdlab.api.ValueFormatter;

/** The cell handlers and value formatters found on the class path, with the kernel's fallbacks. */
final class Plugins {

    private static final System.Logger LOG = System.getLogger(Plugins.class.getName());
    private static final Gson STRICT_JSON = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    private final List<CellHandler> handlers;
    private final List<ValueFormatter> formatters;
    private final RuntimeRenderers registered = new RuntimeRenderers();
    private final Consumer<String> notes;

    /**
     * Plugins that tell the user, through {@code notes}, when a value has no representation of a type
     * asked for.
     */
    Plugins(List<CellHandler> handlers, List<ValueFormatter> formatters, Consumer<String> notes) {
        this.handlers = List.copyOf(handlers);
        this.formatters = List.copyOf(formatters);
        this.notes = notes;
    }

    /**
     * Finds plugins with {@link ServiceLoader}, in class-path order; notes go to the running cell's
     * standard error.
     */
    static Plugins load() {
        // Read System.err at each note: the kernel points it at the running cell after this.
        return new Plugins(all(CellHandler.class), all(ValueFormatter.class), note -> System.err.println(note));
    }

    private static <T> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type).forEach(found::add);
        return found;
    }

    /** The renderers registered while the kernel runs. */
    RuntimeRenderers registered() {
        return registered;
    }

    /** The first handler that claims the cell; cells nobody claims go to JShell. */
    Optional<CellHandler> handlerFor(String cell) {
        return handlers.stream().filter(h -> h.accepts(cell)).findFirst();
    }

    /** The first handler's completions for the cursor's line, or none. */
    List<String> completions(String lineBeforeCursor) {
        for (CellHandler handler : handlers) {
            List<String> words = handler.complete(lineBeforeCursor);
            if (!words.isEmpty()) {
                return words;
            }
        }
        return List.of();
    }

    /**
     * Every formatter's representations of a value, plus {@code text/plain} if none gave one; only
     * the types wanted, when some are named.
     *
     * <p>A type wanted that no formatter gives is the text itself when the value is text (the caller
     * says what the text is: HTML, Markdown, SVG, JSON), and otherwise left out with a note naming
     * the types the value has.
     *
     * <p>A formatter that throws loses only what it would have added; the kernel logs why.
     */
    MimeBundle format(Object value, String plainText, List<String> wantedTypes) {
        MimeBundle drawn = draw(value, plainText, wantedTypes);
        if (wantedTypes.isEmpty()) {
            return drawn;
        }
        MimeBundle chosen = new MimeBundle(wantedTypes);
        drawn.data().forEach((type, data) -> {
            if (chosen.wants(type)) {
                chosen.put(type, data);
                if (drawn.metadata().containsKey(type)) {
                    chosen.putMetadata(type, drawn.metadata().get(type));
                }
            }
        });
        List<String> missing = wantedTypes.stream().filter(type -> !chosen.has(type)).distinct().toList();
        if (value instanceof CharSequence text) {
            missing.forEach(type -> putText(chosen, type, text.toString()));
        } else if (!missing.isEmpty()) {
            // Only the wanted types were drawn; to name all the value has, draw it all once more.
            Set<String> available = draw(value, plainText, List.of()).data().keySet();
            notes.accept("render: " + describe(value) + " has no " + String.join(", ", missing) + ", only "
                    + String.join(", ", available) + "; text (a String) is shown as any type asked for");
        }
        return chosen;
    }

    private MimeBundle draw(Object value, String plainText, List<String> wantedTypes) {
        MimeBundle bundle = new MimeBundle(wantedTypes);
        if (value instanceof MimeBundle given) { // a plugin or a cell that built its own bundle
            given.data().forEach(bundle::put);
            given.metadata().forEach(bundle::putMetadata);
        } else if (value != null) {
            Optional<RuntimeRenderers.Entry> registration = registered.rendererFor(value);
            if (registration.isPresent() && registration.get().overridesKernel()) {
                drawRegistered(registration.get(), value, bundle);
            } else {
                drawWithKernel(value, bundle);
                registration.ifPresent(fallback -> drawFallback(fallback, value, bundle));
            }
        }
        if (!bundle.has("text/plain")) {
            // null when the value's own toString() threw: show what Object.toString() would.
            bundle.put("text/plain", plainText != null || value == null ? plainText
                    : value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value)));
        }
        return bundle;
    }

    private void drawWithKernel(Object value, MimeBundle bundle) {
        for (ValueFormatter formatter : formatters) {
            try {
                formatter.format(value, bundle);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, formatter.getClass().getName() + " failed on a " + value.getClass().getName(), e);
            }
        }
    }

    // A renderer ranked below the kernel's draws only what the kernel has no drawing of; when the
    // kernel outranks it, the user hears so once, or the renderer would seem to be ignored.
    private void drawFallback(RuntimeRenderers.Entry fallback, Object value, MimeBundle bundle) {
        if (bundle.data().isEmpty()) {
            drawRegistered(fallback, value, bundle);
        } else if (!fallback.shadowedNoted) {
            fallback.shadowedNoted = true;
            notes.accept("render: the kernel draws " + describe(value) + " itself, so the renderer registered for "
                    + fallback.type().getName() + " at priority " + fallback.priority() + " is not used; register it at"
                    + " Renderers.OVER_KERNEL to draw in the kernel's place");
        }
    }

    // A user's renderer is the user's code: its failure is shown, not only logged.
    private void drawRegistered(RuntimeRenderers.Entry registration, Object value, MimeBundle bundle) {
        try {
            registration.render(value, bundle);
        } catch (RuntimeException | LinkageError e) {
            notes.accept("render: the renderer registered for " + registration.type().getName() + " failed on "
                    + describe(value) + ": " + e);
        }
    }

    // JSON types travel as parsed objects, so JSON text is parsed, and text that is not JSON says so.
    private void putText(MimeBundle bundle, String type, String text) {
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            bundle.put(type, text);
            return;
        }
        try {
            JsonElement parsed = STRICT_JSON.fromJson(text, JsonElement.class);
            if (parsed != null) { // null: the text was empty
                bundle.put(type, parsed);
                return;
            }
        } catch (JsonParseException e) {
            // not JSON: said below
        }
        notes.accept("render: the text given as " + type + " is not JSON, so it is left out");
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
