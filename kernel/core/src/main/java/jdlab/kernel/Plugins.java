package jdlab.kernel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import jdlab.api.CellHandler;
import jdlab.api.MimeBundle;
import jdlab.api.ValueFormatter;

/** The cell handlers and value formatters found on the class path, with the kernel's fallbacks. */
final class Plugins {

    private static final System.Logger LOG = System.getLogger(Plugins.class.getName());

    private final List<CellHandler> handlers;
    private final List<ValueFormatter> formatters;

    Plugins(List<CellHandler> handlers, List<ValueFormatter> formatters) {
        this.handlers = List.copyOf(handlers);
        this.formatters = List.copyOf(formatters);
    }

    /** Finds plugins with {@link ServiceLoader}, in class-path order. */
    static Plugins load() {
        return new Plugins(all(CellHandler.class), all(ValueFormatter.class));
    }

    private static <T> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type).forEach(found::add);
        return found;
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
     * <p>A formatter that throws loses only what it would have added; the kernel logs why.
     */
    MimeBundle format(Object value, String plainText, List<String> wantedTypes) {
        MimeBundle bundle = new MimeBundle(wantedTypes);
        if (value instanceof MimeBundle given) { // a plugin or a cell that built its own bundle
            given.data().forEach(bundle::put);
            given.metadata().forEach(bundle::putMetadata);
        } else if (value != null) {
            for (ValueFormatter formatter : formatters) {
                try {
                    formatter.format(value, bundle);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, formatter.getClass().getName() + " failed on a " + value.getClass().getName(), e);
                }
            }
        }
        if (!bundle.has("text/plain")) {
            // null when the value's own toString() threw: show what Object.toString() would.
            bundle.put("text/plain", plainText != null || value == null ? plainText
                    : value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value)));
        }
        if (wantedTypes.isEmpty()) {
            return bundle;
        }
        MimeBundle chosen = new MimeBundle(wantedTypes);
        bundle.data().forEach((type, data) -> {
            if (chosen.wants(type)) {
                chosen.put(type, data);
                if (bundle.metadata().containsKey(type)) {
                    chosen.putMetadata(type, bundle.metadata().get(type));
                }
            }
        });
        return chosen;
    }
}
