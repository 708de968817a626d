package jdlab.api;

import java.util.Arrays;

/**
 * What cells call to show things: imported in every session ({@code import static jdlab.api.Display.*}),
 * with the names IJava and JJava notebooks use, so theirs run unchanged.
 */
public final class Display {

    private static volatile KernelContext kernel;

    private Display() {
    }

    /** Called once by the kernel as it starts; cells have no use for it. */
    public static void connect(KernelContext context) {
        kernel = context;
    }

    /**
     * Shows a value in the cell's output, formatted as the cell's result would be.
     *
     * @return the output's display id, for {@link #updateDisplay}
     */
    public static String display(Object value) {
        return kernel().displayUpdatable(value).id();
    }

    /** Shows only these representations of a value ({@code "text/html"}, ...) and its plain text. */
    public static String display(Object value, String... mimeTypes) {
        return display(render(value, mimeTypes));
    }

    /** Shows a value and returns a handle that replaces it in place: {@code h.update(newValue)}. */
    public static DisplayHandle displayUpdatable(Object value) {
        return kernel().displayUpdatable(value);
    }

    /** Replaces an output shown earlier with {@link #display}, wherever it is. */
    public static void updateDisplay(String displayId, Object value) {
        kernel().displayHandle(displayId).update(value);
    }

    /** The representations the kernel would show for a value, without showing them. */
    public static MimeBundle render(Object value) {
        return kernel().render(value);
    }

    /**
     * Only these representations of a value, plus its plain text; a type the value has no
     * representation for is left out, and only the types named are computed. A cell whose last value
     * is the bundle shows it.
     */
    public static MimeBundle render(Object value, String... mimeTypes) {
        return kernel().render(value, mimeTypes);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives, so it does not flicker. */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    // ---- live charts --------------------------------------------------------------------------

    /**
     * Shows an empty line chart with these series and returns it; {@code chart.add(series, x, y)}
     * redraws it in place, a few times a second at most, and {@code chart.close()} shows its final state.
     *
     * @param title the chart's title ({@code "loss"})
     * @param xTitle the x axis' title ({@code "epoch"})
     * @param series the names of the lines, in legend order ({@code "train", "validation"})
     */
    public static LiveChart liveChart(String title, String xTitle, String... series) {
        return new LiveChart(title, xTitle, Arrays.asList(series), LiveChart.INTERVAL, System::nanoTime,
                kernel()::displayUpdatable);
    }

    private static KernelContext kernel() {
        KernelContext context = kernel;
        if (context == null) {
            throw new IllegalStateException("display needs a running jdlab kernel");
        }
        return context;
    }
}
