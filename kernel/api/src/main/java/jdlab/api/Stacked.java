package jdlab.api;

import java.util.List;

/**
 * Values shown one above the other in a single output, each drawn as it would be alone: a progress
 * bar over a live chart, updated in place as one.
 */
public record Stacked(List<?> parts) {

    public Stacked {
        parts = List.copyOf(parts);
    }

    /** The values, top to bottom. */
    public static Stacked of(Object... parts) {
        return new Stacked(List.of(parts));
    }
}
