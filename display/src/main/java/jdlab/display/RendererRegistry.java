package jdlab.display;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import jdlab.api.MimeBundle;
import jdlab.api.ValueFormatter;

/**
 * Picks the renderer for a value: its class first, then its superclasses, then the interfaces of
 * all of them, nearest first; the first type with a renderer wins.
 *
 * <p>A renderer that throws costs only what it had not added yet; the kernel shows the rest, and
 * the log says why.
 */
public final class RendererRegistry implements ValueFormatter {

    private static final System.Logger LOG = System.getLogger(RendererRegistry.class.getName());

    private final Map<String, Renderer<?>> byType = new HashMap<>();

    /** The renderers registered with {@link ServiceLoader}. */
    public RendererRegistry() {
        this(ServiceLoader.load(Renderer.class, RendererRegistry.class.getClassLoader()).stream()
                .<Renderer<?>>map(ServiceLoader.Provider::get).toList());
    }

    RendererRegistry(List<Renderer<?>> renderers) {
        for (Renderer<?> renderer : renderers) {
            Renderer<?> earlier = byType.put(renderer.type(), renderer);
            if (earlier != null) {
                throw new IllegalStateException("two renderers for " + renderer.type() + ": "
                        + earlier.getClass().getName() + " and " + renderer.getClass().getName());
            }
        }
    }

    @Override
    public void format(Object value, MimeBundle bundle) {
        rendererFor(value.getClass()).ifPresent(renderer -> {
            try {
                render(renderer, value, bundle);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, renderer.getClass().getName() + " failed on a " + value.getClass().getName(), e);
            }
        });
    }

    /** The renderer of the nearest type of this class that has one. */
    Optional<Renderer<?>> rendererFor(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Renderer<?> renderer = byType.get(c.getName());
            if (renderer != null) {
                return Optional.of(renderer);
            }
        }
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            Class<?> i = interfaces.removeFirst();
            if (seen.add(i)) {
                Renderer<?> renderer = byType.get(i.getName());
                if (renderer != null) {
                    return Optional.of(renderer);
                }
                interfaces.addAll(List.of(i.getInterfaces()));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <T> void render(Renderer<T> renderer, Object value, MimeBundle bundle) {
        renderer.render((T) value, bundle);
    }
}
