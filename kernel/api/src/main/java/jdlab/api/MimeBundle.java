package jdlab.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Representations of one value, keyed by MIME type, in the order they were added.
 *
 * <p>Values are strings (text, or base64 for binary types) or JSON-ready objects ({@link Map},
 * {@link java.util.List}, numbers, booleans) for JSON MIME types.
 */
public final class MimeBundle {

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Set<String> wanted;

    /** A bundle that wants every representation. */
    public MimeBundle() {
        this(List.of());
    }

    /**
     * A bundle that wants only these MIME types (and {@code text/plain}, which every bundle has), so
     * formatters can skip the work of the others; none named means all.
     */
    public MimeBundle(List<String> wantedTypes) {
        wanted = Set.copyOf(wantedTypes);
    }

    /** Whether a formatter should compute this representation; formatters ask before costly work. */
    public boolean wants(String mimeType) {
        return wanted.isEmpty() || wanted.contains(mimeType) || mimeType.equals("text/plain");
    }

    /** Adds or replaces the representation for one MIME type. */
    public MimeBundle put(String mimeType, Object representation) {
        data.put(mimeType, representation);
        return this;
    }

    /** Adds or replaces metadata for one MIME type (for example an image's width). */
    public MimeBundle putMetadata(String mimeType, Object value) {
        metadata.put(mimeType, value);
        return this;
    }

    /** Whether a representation for this MIME type is present. */
    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** The representations, keyed by MIME type. */
    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    /** The metadata, keyed by MIME type. */
    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }
}
