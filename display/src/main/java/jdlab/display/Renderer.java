package jdlab.display;

import jdlab.api.MimeBundle;

/**
 * Draws values of one type as MIME representations; found by {@link java.util.ServiceLoader}
 * (one line in {@code META-INF/services/jdlab.display.Renderer}).
 *
 * @param <T> the type drawn, named by {@link #type()}
 */
public interface Renderer<T> {

    /**
     * The binary name of the class or interface drawn ({@code "tech.tablesaw.api.Table"}). Matching by
     * name lets a renderer serve classes it was not compiled against and classes of other loaders.
     */
    String type();

    /**
     * Adds the representations it knows that the bundle {@linkplain MimeBundle#wants wants}; it may
     * leave {@code text/plain} to the kernel.
     */
    void render(T value, MimeBundle bundle);
}
