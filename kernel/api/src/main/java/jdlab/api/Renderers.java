package jdlab.api;

import java.util.function.BiConsumer;

/**
 * Renderers added while the kernel runs, from a cell or from a library added with {@code %maven}:
 * {@code Renderers.register(Point.class, (p, bundle) -> bundle.put("text/html", "<b>" + p + "</b>"))}.
 *
 * <p>A priority places a renderer against the kernel's own, which rank at {@link #KERNEL}. For a
 * value, the registered renderer of the highest priority whose type the value is an instance of
 * (the latest among equals) is chosen: ranked at or above {@link #KERNEL}, it draws the value in
 * place of the kernel's renderers; ranked below, it draws only values the kernel shows as plain text.
 */
public final class Renderers {

    /** Above the kernel's renderers: the default of {@link #register(Class, BiConsumer)}. */
    public static final int OVER_KERNEL = 100;

    /** The rank of the kernel's own renderers (tables, figures, images, arrays). */
    public static final int KERNEL = 0;

    /** Below the kernel's renderers: a fallback for values the kernel has no drawing of. */
    public static final int UNDER_KERNEL = -100;

    private Renderers() {
    }

    /** Draws values of this type (and its subtypes) from now on, in place of the kernel's drawing. */
    public static <T> Registration register(Class<T> type, BiConsumer<? super T, MimeBundle> renderer) {
        return register(type, OVER_KERNEL, renderer);
    }

    /** Draws values of this type (and its subtypes) from now on, ranked by {@code priority}. */
    public static <T> Registration register(Class<T> type, int priority, BiConsumer<? super T, MimeBundle> renderer) {
        return Display.kernel().addRenderer(type, priority, renderer);
    }

    /** A renderer added while the kernel runs. */
    public interface Registration {

        /** Stops using the renderer; removing it twice does nothing. */
        void remove();
    }
}
