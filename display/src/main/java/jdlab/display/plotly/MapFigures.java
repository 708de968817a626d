package jdlab.display.plotly;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a figure built from plain maps, as Plotly's own JSON is shaped: a {@link Map} whose keys are
 * {@code data} (a list of trace maps), and optionally {@code layout} and {@code config} (maps). Any
 * other map is not a figure and is left to the kernel's plain text.
 */
final class MapFigures {

    private static final Set<String> KEYS = Set.of("data", "layout", "config");
    private static final Set<String> AXES_PREFIXES = Set.of("xaxis", "yaxis", "zaxis");

    private MapFigures() {
    }

    /** Whether a map has a figure's shape: it is then drawn as one. */
    static boolean isFigure(Map<?, ?> map) {
        return map.get("data") instanceof Collection<?> data
                && data.stream().allMatch(trace -> trace instanceof Map)
                && KEYS.containsAll(map.keySet())
                && (map.get("layout") == null || map.get("layout") instanceof Map)
                && (map.get("config") == null || map.get("config") instanceof Map);
    }

    /**
     * The JSON-ready figure: a copy with keys as strings, arrays as lists, non-finite numbers as
     * null and titles in Plotly's object form ({@code {"text": ...}}).
     */
    static Optional<Map<String, Object>> figure(Map<?, ?> map) {
        if (!isFigure(map)) {
            return Optional.empty();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", copy(map.get("data")));
        Map<String, Object> layout = map.get("layout") == null ? new LinkedHashMap<>() : asMap(copy(map.get("layout")));
        titleAsObject(layout);
        layout.forEach((key, value) -> {
            if (AXES_PREFIXES.stream().anyMatch(key::startsWith) && value instanceof Map<?, ?> axis) {
                titleAsObject(asMap(axis));
            }
        });
        json.put("layout", layout);
        json.put("config", map.get("config") == null ? new LinkedHashMap<>() : copy(map.get("config")));
        return Optional.of(json);
    }

    private static void titleAsObject(Map<String, Object> component) {
        if (component.get("title") instanceof String text) {
            Map<String, Object> title = new LinkedHashMap<>();
            title.put("text", text);
            component.put("title", title);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> copy = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                copy.add(copy(Array.get(value, i)));
            }
            return copy;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return null;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString(); // dates, enums: Plotly reads their text
    }
}
