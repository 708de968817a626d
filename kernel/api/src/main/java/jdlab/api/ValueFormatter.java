package jdlab.api;

/**
 * Turns live values into MIME bundles, the way Jupyter shows them.
 *
 * <p>Found by {@link java.util.ServiceLoader}; the kernel adds {@code text/plain} to every bundle
 * that lacks it, so a formatter adds only the richer types it knows, and only those the bundle
 * {@linkplain MimeBundle#wants wants}.
 */
public interface ValueFormatter {

    /**
     * Adds representations of the value to the bundle.
     *
     * @param value a live object, never {@code null}
     * @param bundle the bundle to add to
     */
    void format(Object value, MimeBundle bundle);
}
