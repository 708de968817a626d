package jdlab.api;

import java.awt.image.RenderedImage;
import java.io.File;
import java.nio.file.Path;

import java.util.Arrays;
import java.util.List;

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

    /**
     * Shows only these representations of a value ({@code "text/html"}, ...) and its plain text; text
     * is shown as the types named ({@code display("<b>done</b>", "text/html")}), and another value
     * without one of them shows what it has, with a note on standard error naming its types.
     */
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
     * Only these representations of a value, plus its plain text; only the types named are computed.
     * Text is taken as any type named that no renderer gives (JSON text is parsed for a JSON type); for
     * another value such a type is left out, with a note on standard error naming the types it has. A
     * cell whose last value is the bundle shows it.
     */
    public static MimeBundle render(Object value, String... mimeTypes) {
        return kernel().render(value, mimeTypes);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives, so it does not flicker. */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    // ---- tables, images, HTML and Markdown ---------------------------------------------------

    private static final TableOptions TABLE_OPTIONS = new TableOptions();

    /**
     * The session's table limits, which every table shown afterwards follows:
     * {@code tableOptions().maxRows(40).maxColumns(30)}; {@code tableOptions().reset()} goes back to
     * the defaults (20 rows, 20 columns, 50 characters a cell).
     */
    public static TableOptions tableOptions() {
        return TABLE_OPTIONS;
    }

    /**
     * A Tablesaw {@code Table}, {@code TableSlice} or {@code Column} with limits for this display
     * only: {@code display(table(penguins).maxRows(100))}, or {@code table(penguins).maxColumns(3)} as
     * a cell's last expression. Limits not set are the session's ({@link #tableOptions()}).
     *
     * @throws IllegalArgumentException when the value is not one of those
     */
    public static TableView table(Object tableOrColumn) {
        return TableView.of(tableOrColumn);
    }

    /**
     * An encoded image, PNG, JPEG or GIF by its first bytes or SVG by its text, as a bundle that
     * shows it: the cell's last expression, or {@code display(image(bytes))}.
     *
     * @throws IllegalArgumentException when the bytes are none of those
     */
    public static MimeBundle image(byte[] encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("image(...) needs the bytes of a PNG, JPEG, GIF or SVG image, not null");
        }
        return Images.bundle(encoded, "the bytes given");
    }

    /**
     * The image in a PNG, JPEG, GIF or SVG file, told by its content rather than its name, as a bundle
     * that shows it: {@code image(Path.of("plot.png"))}.
     *
     * @throws IllegalArgumentException when there is no such file or it holds none of those
     */
    public static MimeBundle image(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("image(...) needs a file, not null");
        }
        return Images.bundle(file);
    }

    /** The image in a PNG, JPEG, GIF or SVG file; see {@link #image(Path)}. */
    public static MimeBundle image(File file) {
        if (file == null) {
            throw new IllegalArgumentException("image(...) needs a file, not null");
        }
        return Images.bundle(file.toPath());
    }

    /**
     * A drawn image (a {@code BufferedImage}) as a PNG bundle with its width and height; a
     * {@code RenderedImage} shown without it is a PNG too.
     */
    public static MimeBundle image(RenderedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image(...) needs an image, not null");
        }
        return render(image, "image/png");
    }

    /**
     * An array of pixels as a PNG bundle: a DJL {@code NDArray} of shape (H, W), (H, W, C) or
     * (C, H, W) with 1, 3 or 4 channels; {@code uint8} values are taken as they are, floats in [0, 1]
     * are scaled by 255 and other values are stretched from their minimum to their maximum.
     *
     * @throws IllegalArgumentException when the array has another shape, or is not an array
     */
    public static MimeBundle image(Object array) {
        if (array == null) {
            throw new IllegalArgumentException("image(...) needs an image, not null");
        }
        return pixels(new ArrayImage(array), "image(...)");
    }

    /**
     * A batch of images side by side, each under its label, as a PNG bundle:
     * {@code imageGrid(batch, List.of("5", "0", "4"))} for a DJL {@code NDArray} of shape (N, H, W),
     * (N, H, W, C) or (N, C, H, W); labels may be empty.
     */
    public static MimeBundle imageGrid(Object batch, List<String> labels) {
        if (batch == null || labels == null) {
            throw new IllegalArgumentException("imageGrid(...) needs a batch of images and a list of labels (List.of() for none)");
        }
        return pixels(new ImageGrid(batch, labels), "imageGrid(...)");
    }

    // The renderer refuses what it cannot draw by leaving PNG out; say so rather than show nothing.
    // All it draws is PNG and text, so ask for all: asking for PNG alone would add a note to the error.
    private static MimeBundle pixels(Object request, String call) {
        MimeBundle bundle = render(request);
        if (!bundle.has("image/png")) {
            throw new IllegalArgumentException(call + " cannot draw " + bundle.data().get("text/plain"));
        }
        return bundle;
    }

    /** HTML shown as such: {@code html("<b>done</b>")}; its plain text is the source. */
    public static MimeBundle html(String html) {
        if (html == null) {
            throw new IllegalArgumentException("html(...) needs some HTML, not null");
        }
        return new MimeBundle().put("text/html", html).put("text/plain", html);
    }

    /** Markdown shown formatted: {@code markdown("**done**")}; its plain text is the source. */
    public static MimeBundle markdown(String markdown) {
        if (markdown == null) {
            throw new IllegalArgumentException("markdown(...) needs some Markdown, not null");
        }
        return new MimeBundle().put("text/markdown", markdown).put("text/plain", markdown);
    }

    // ---- end of tables, images, HTML and Markdown -------------------------------------------


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

    // ---- interrupts ---------------------------------------------------------------------------

    /** Whether this code runs in a jdlab kernel (and not in a plain JVM, where nothing is shown). */
    public static boolean connected() {
        return kernel != null;
    }

    /** Whether the user asked to stop the running cell: a long loop can poll it and stop cleanly. */
    public static boolean interrupted() {
        KernelContext context = kernel;
        return context != null && context.interrupted();
    }

    /**
     * Declares that the running code polls {@link #interrupted()} where it can stop whole: until the
     * handle is closed, an interrupt waits a few seconds for it to return before stopping the cell.
     * {@code try (var safe = stopAtSafePoints()) { for (...) { if (interrupted()) break; ... } }}
     */
    public static SafePoints stopAtSafePoints() {
        KernelContext context = kernel;
        return context == null ? () -> { } : context.stopAtSafePoints();
    }

    static KernelContext kernel() {
        KernelContext context = kernel;
        if (context == null) {
            throw new IllegalStateException("display needs a running jdlab kernel");
        }
        return context;
    }
}
