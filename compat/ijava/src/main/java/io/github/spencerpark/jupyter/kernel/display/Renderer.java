package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import jdlab.api.Renderers;

/**
 * IJava's renderer registry, as notebooks call it:
 * {@code getRenderer().createRegistration(Figure.class).preferring(MIMEType.TEXT_HTML).register((f, ctx) -> ...)}.
 *
 * <p>Registrations rank {@linkplain Renderers#UNDER_KERNEL below the kernel's renderers}: those
 * notebooks drew what IJava could not (Tablesaw figures, loading plotly.js from a CDN that an offline
 * kernel cannot reach), and the kernel draws such values itself. Values the kernel shows only as text
 * are drawn by them.
 */
public final class Renderer {

    /** Starts a registration for values of this type. */
    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(type);
    }

    /** The types and MIME types a renderer is registered for, gathered before {@link #register}. */
    public static final class RenderRegistration<T> {
        private final Set<Class<? extends T>> types = new LinkedHashSet<>();
        private final Set<MIMEType> drawn = new LinkedHashSet<>();

        RenderRegistration(Class<T> type) {
            types.add(type);
        }

        /** The MIME types drawn. */
        public RenderRegistration<T> preferring(MIMEType... mimeTypes) {
            drawn.addAll(Arrays.asList(mimeTypes));
            return this;
        }

        /** As {@link #preferring(MIMEType...)}, with the types by name. */
        public RenderRegistration<T> preferring(String... mimeTypes) {
            Arrays.stream(mimeTypes).map(MIMEType::parse).forEach(drawn::add);
            return this;
        }

        /**
         * MIME types that IJava drew only when a cell asked for them; a Jupyter front end shows the
         * richest representation it can, so they are drawn as the preferred ones are.
         */
        public RenderRegistration<T> supporting(MIMEType... mimeTypes) {
            return preferring(mimeTypes);
        }

        /** As {@link #supporting(MIMEType...)}, with the types by name. */
        public RenderRegistration<T> supporting(String... mimeTypes) {
            return preferring(mimeTypes);
        }

        /** Another type the same function draws. */
        public RenderRegistration<T> onType(Class<? extends T> type) {
            types.add(type);
            return this;
        }

        /** Draws values of the registered types with this function from now on. */
        public void register(RenderFunction<T> function) {
            Set<MIMEType> mimeTypes = Set.copyOf(drawn);
            for (Class<? extends T> type : types) {
                Renderers.register(type, Renderers.UNDER_KERNEL,
                        (value, bundle) -> function.render(value, new RenderContext(bundle, mimeTypes)));
            }
        }
    }
}
