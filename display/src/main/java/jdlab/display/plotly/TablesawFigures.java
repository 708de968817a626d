package jdlab.display.plotly;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.PieTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Turns a Tablesaw {@link Figure} into Plotly's JSON figure, {@code {data, layout, config}}.
 *
 * <p>Tablesaw only writes JavaScript text through its Pebble templates and its traces, axes,
 * markers and layout have almost no getters: public ones are used where they exist
 * ({@link Figure#getTraces}, {@link Figure#getLayout}, {@link Figure#getConfig},
 * {@link Layout#getTitle}), the rest is read from their private fields by reflection. A field
 * becomes the Plotly attribute of its lowercased name unless {@link #KEYS} renames it; a dotted name
 * nests ({@code title.text}). As Tablesaw's templates do, a value equal to the one a plain
 * {@code builder().build()} of the same class holds is left out, so Plotly's own default applies.
 */
final class TablesawFigures {

    /** Field names whose Plotly attribute is not their lowercased name. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("title", "title.text"), Map.entry("titleFont", "title.font"),
            Map.entry("paperBgColor", "paper_bgcolor"), Map.entry("plotBgColor", "plot_bgcolor"),
            Map.entry("colorScalePalette", "colorscale"), Map.entry("fontFamily", "family"),
            Map.entry("left", "l"), Map.entry("right", "r"), Map.entry("top", "t"), Map.entry("bottom", "b"),
            Map.entry("displayModeBar", "displayModeBar"));

    /**
     * Fields with no Plotly counterpart here: Tablesaw's engines and bookkeeping, 3-D parts and tick
     * settings this serializer does not draw, and separators Plotly takes as one string.
     */
    private static final Set<String> SKIPPED = Set.of("engine", "mapper", "heightSet", "widthSet", "zAxis",
            "scene", "tickSettings", "spikes", "rangeSlider", "decimalSeparator", "thousandsSeparator",
            "eventHandlers", "context");

    /**
     * Trace fields shown even when they equal the empty trace's: a trace's data and identity, and its mode,
     * whose Plotly default (lines for few points) is not Tablesaw's (markers).
     */
    private static final Set<String> ALWAYS = Set.of("type", "name", "mode", "x", "y", "z", "values", "labels");

    private static final Map<Class<?>, Optional<Object>> DEFAULTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private TablesawFigures() {
    }

    static Map<String, Object> figure(Figure figure) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> data = new ArrayList<>();
        for (Trace trace : figure.getTraces()) {
            data.add(component(trace, traceDefaults(trace)));
        }
        json.put("data", data);
        json.put("layout", figure.getLayout() == null ? new LinkedHashMap<>() : layout(figure.getLayout()));
        json.put("config", figure.getConfig() == null ? new LinkedHashMap<>() : component(figure.getConfig(),
                defaults(figure.getConfig().getClass())));
        return json;
    }

    private static Map<String, Object> layout(Layout layout) {
        Map<String, Object> json = component(layout, defaults(Layout.class));
        String title = layout.getTitle();
        if (title != null && !title.isEmpty()) {
            nested(json, "title").put("text", title);
        }
        return json;
    }

    // The emptiest trace of the same kind, for telling set values from defaults.
    private static Object traceDefaults(Trace trace) {
        return DEFAULTS.computeIfAbsent(trace.getClass(), type -> Optional.ofNullable(switch (type.getName()) {
            case "tech.tablesaw.plotly.traces.ScatterTrace" -> ScatterTrace.builder(new double[0], new double[0]).build();
            case "tech.tablesaw.plotly.traces.HistogramTrace" -> HistogramTrace.builder(new double[0]).build();
            case "tech.tablesaw.plotly.traces.BoxTrace" -> BoxTrace.builder(new double[0], new double[0]).build();
            case "tech.tablesaw.plotly.traces.BarTrace" -> BarTrace.builder(new Object[0], new double[0]).build();
            case "tech.tablesaw.plotly.traces.PieTrace" -> PieTrace.builder(new Object[0], new double[0]).build();
            default -> null;
        })).orElse(null);
    }

    // A component's defaults: what its public builder() builds with nothing set, when it has one.
    private static Object defaults(Class<?> type) {
        return DEFAULTS.computeIfAbsent(type, t -> {
            try {
                Method builder = t.getMethod("builder");
                if (!Modifier.isStatic(builder.getModifiers()) || builder.getParameterCount() != 0) {
                    return Optional.empty();
                }
                Object b = builder.invoke(null);
                return Optional.ofNullable(b.getClass().getMethod("build").invoke(b));
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static Map<String, Object> component(Object value, Object defaults) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Field field : fields(value.getClass())) {
            Object converted = convert(read(field, value));
            if (converted == null) {
                continue;
            }
            boolean isDefault = defaults != null && defaults.getClass() == value.getClass()
                    && Objects.equals(converted, convert(read(field, defaults)));
            if (isDefault && !ALWAYS.contains(field.getName())) {
                continue;
            }
            String key = KEYS.getOrDefault(field.getName(), field.getName().toLowerCase(java.util.Locale.ROOT));
            int dot = key.indexOf('.');
            if (dot < 0) {
                json.putIfAbsent(key, converted);
            } else {
                nested(json, key.substring(0, dot)).put(key.substring(dot + 1), converted);
            }
        }
        // Tablesaw keeps a marker's one colour or size in an array; Plotly reads an array as one per point.
        if (json.get("color") instanceof List<?> colors && colors.size() == 1 && !(value instanceof Trace)) {
            json.put("color", colors.get(0));
        }
        if (json.get("size") instanceof List<?> sizes && sizes.size() == 1 && !(value instanceof Trace)) {
            json.put("size", sizes.get(0));
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.compute(key, (k, v) -> v instanceof Map ? v : new LinkedHashMap<>());
    }

    // Subclass fields first: a trace's own (its data) before what every trace has.
    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()
                            && !SKIPPED.contains(field.getName())) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        });
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Tablesaw's " + field, e);
        }
    }

    private static Object convert(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
        }
        if (value instanceof Enum<?> e) {
            return e.toString(); // Tablesaw's enums print their Plotly value
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                Object element = Array.get(value, i);
                list.add(element instanceof Number || element == null ? convert(element)
                        : element.getClass().getName().startsWith("tech.tablesaw.plotly.") ? convert(element)
                        : element instanceof Boolean ? element : element.toString());
            }
            return list;
        }
        if (value.getClass().getName().startsWith("tech.tablesaw.plotly.")) {
            Map<String, Object> nested = component(value, defaults(value.getClass()));
            return nested.isEmpty() ? null : nested;
        }
        return value.toString();
    }
}
