package jdlab.api;

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

    // ---- progress bars ---------------------------------------------------------------------------

    private static final ProgressTicker PROGRESS_TICKER = new ProgressTicker(System::nanoTime, () -> {
        KernelContext context = kernel;
        return context != null && context.interrupted();
    }, true);

    /**
     * Shows a progress bar for a loop of {@code total} steps and returns it; call
     * {@link Progress#step()} for each step and {@link Progress#close()} at the end, or open it in a
     * try-with-resources: {@code try (var p = progress(1000, "rows")) { ... p.step(); }}.
     *
     * <p>The bar shows the count, the percentage, the rate and the time left, updated in place at
     * most ten times a second; stepping costs a counter write.
     *
     * @throws IllegalArgumentException when the total is negative or the label is null
     */
    public static Progress progress(long total, String label) {
        return Progress.open(label, total, Display::displayUpdatable, PROGRESS_TICKER);
    }

    /** Shows a progress bar that counts steps without knowing how many will come. */
    public static Progress progress(String label) {
        return Progress.openWithoutTotal(label, Display::displayUpdatable, PROGRESS_TICKER);
    }

    /**
     * The items, counting themselves in a progress bar as a loop goes over them:
     * {@code for (var row : progress(rows, "rows")) ...}. The bar appears when the loop starts and
     * closes itself when the items run out; its total is the size of a collection, unknown otherwise.
     */
    public static <T> Iterable<T> progress(Iterable<T> items, String label) {
        return Progress.over(items, label, Display::displayUpdatable, PROGRESS_TICKER);
    }

    private static KernelContext kernel() {
        KernelContext context = kernel;
        if (context == null) {
            throw new IllegalStateException("display needs a running jdlab kernel");
        }
        return context;
    }
}
