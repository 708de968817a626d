package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import jdlab.api.MimeBundle;

/**
 * What an IJava renderer draws into: the registration's MIME types, less those a cell that names the
 * types it wants ({@code display(value, "text/html")}) did not name.
 */
public final class RenderContext {

    private final MimeBundle bundle;
    private final Set<MIMEType> drawn;

    RenderContext(MimeBundle bundle, Set<MIMEType> drawn) {
        this.bundle = bundle;
        this.drawn = drawn;
    }

    /** Whether the value should be drawn as this type. */
    public boolean wantsDataRenderedAs(MIMEType type) {
        return drawn.contains(type) && bundle.wants(type.toString());
    }

    /** Draws the representation of this type when it is asked for. */
    public void renderIfRequested(MIMEType type, Supplier<Object> render) {
        if (wantsDataRenderedAs(type)) {
            bundle.put(type.toString(), render.get());
        }
    }

    /** Draws the representation of this type when it is asked for; the function is given the type. */
    public void renderIfRequested(MIMEType type, Function<MIMEType, Object> render) {
        if (wantsDataRenderedAs(type)) {
            bundle.put(type.toString(), render.apply(type));
        }
    }
}
