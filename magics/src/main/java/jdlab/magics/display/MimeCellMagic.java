package jdlab.magics.display;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %%html}, {@code %%markdown}, {@code %%latex} and {@code %%javascript}: the cell shown as the MIME
 * type the magic is named after, with the text itself as the plain-text twin.
 */
public final class MimeCellMagic implements Magic {

    private static final Map<String, String> MIME_TYPES = new LinkedHashMap<>();

    static {
        MIME_TYPES.put("html", "text/html");
        MIME_TYPES.put("markdown", "text/markdown");
        MIME_TYPES.put("latex", "text/latex");
        MIME_TYPES.put("javascript", "application/javascript");
    }

    private static final ArgSpec ARGS = declare();

    private static ArgSpec declare() {
        List<String> names = List.copyOf(MIME_TYPES.keySet());
        ArgSpec.Builder builder = ArgSpec.cell(names.get(0),
                "Show the cell as the MIME type the magic is named after: HTML, Markdown, LaTeX or JavaScript.");
        names.subList(1, names.size()).forEach(builder::alias);
        return builder.notes(MIME_TYPES.entrySet().stream().map(e -> "%%" + e.getKey() + " shows " + e.getValue() + ".")
                .collect(Collectors.joining(" "))).build();
    }

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        String mimeType = MIME_TYPES.get(args.invocation().substring("%%".length()));
        return new MimeBundle().put(mimeType, body).put("text/plain", body);
    }
}
