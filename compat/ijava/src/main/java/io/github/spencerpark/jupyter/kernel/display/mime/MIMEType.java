package io.github.spencerpark.jupyter.kernel.display.mime;

import java.util.Objects;

/** A MIME type under IJava's name, with the constants IJava notebooks use. */
public final class MIMEType {

    public static final MIMEType APPLICATION_JSON = parse("application/json");
    public static final MIMEType APPLICATION_JAVASCRIPT = parse("application/javascript");
    public static final MIMEType APPLICATION_XML = parse("application/xml");
    public static final MIMEType APPLICATION_PDF = parse("application/pdf");
    public static final MIMEType TEXT_HTML = parse("text/html");
    public static final MIMEType TEXT_MARKDOWN = parse("text/markdown");
    public static final MIMEType TEXT_LATEX = parse("text/latex");
    public static final MIMEType TEXT_PLAIN = parse("text/plain");
    public static final MIMEType TEXT_CSS = parse("text/css");
    public static final MIMEType IMAGE_PNG = parse("image/png");
    public static final MIMEType IMAGE_JPEG = parse("image/jpeg");
    public static final MIMEType IMAGE_GIF = parse("image/gif");
    public static final MIMEType IMAGE_SVG = parse("image/svg+xml");

    private final String name;

    private MIMEType(String name) {
        this.name = name;
    }

    /** The type named {@code group/subtype} ({@code "text/html"}). */
    public static MIMEType parse(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1 || name.indexOf('/', slash + 1) >= 0 || !name.strip().equals(name)) {
            throw new IllegalArgumentException("not a MIME type (group/subtype): \"" + name + "\"");
        }
        return new MIMEType(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MIMEType type && type.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
