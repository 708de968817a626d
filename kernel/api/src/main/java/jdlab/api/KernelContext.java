package jdlab.api;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** All that plugins see of the running kernel; calls are made from the cell's own thread. */
public interface KernelContext {

    /**
     * Evaluates Java code in the user's session, as if it were typed in a cell.
     *
     * @return the live value of the last expression, or {@code null} when it has none
     * @throws UsageException when the code does not compile, or an interrupt stopped it; exceptions
     *     the code throws propagate as thrown
     */
    Object eval(String code) throws Exception;

    /** Shows a value in the current cell's output, formatted by the registered formatters. */
    void display(Object value);

    /** Shows a value and returns a handle that replaces it in place later. */
    DisplayHandle displayUpdatable(Object value);

    /** A handle on an output shown earlier with this display id. */
    DisplayHandle displayHandle(String displayId);

    /**
     * The representations of a value that {@link #display} would show, with {@code text/plain} always
     * among them: only those of the types named, when some are.
     */
    MimeBundle render(Object value, String... mimeTypes);

    /**
     * Draws values of a type (and its subtypes) from now on, ranked against the kernel's own renderers
     * as {@link Renderers} describes.
     */
    <T> Renderers.Registration addRenderer(Class<T> type, int priority, BiConsumer<? super T, MimeBundle> renderer);

    /** Clears the cell's output, at once or, with {@code wait}, when the next output arrives. */
    void clearOutput(boolean wait);

    /** Makes the classes of a jar or folder usable from the next snippet on; adding one twice does nothing. */
    void addToClasspath(Path path);

    /** The jars and folders added with {@link #addToClasspath}, in the order they were added. */
    List<Path> classpath();

    /**
     * The jars and folders the kernel lends to cells: this API and the libraries it ships. Their
     * classes are the kernel's own, so they win over another version of them added later.
     */
    List<Path> sharedClasspath();

    /**
     * The folder holding the bytes of every class the cells defined, as compiled, at
     * {@code a/b/Name.class} by binary name: other JVMs load the session's classes from it.
     */
    Path classOutputDir();

    /** Whether the user asked to interrupt the running cell; long plugin work should poll it. */
    boolean interrupted();

    /**
     * Declares that the running code polls {@link #interrupted()} at points where it can stop with
     * its state whole (a training loop between batches). Until the handle is closed, an interrupt
     * lets it return on its own for a grace period before the cell's threads are stopped.
     */
    SafePoints stopAtSafePoints();

    /**
     * Signatures and javadoc of what an expression names ({@code Math.max}, {@code String}, a
     * variable of the session), as Shift+Tab shows them; empty when it names nothing known.
     */
    List<String> documentation(String expression);

    /** The user's variables, in the order they were declared, with their live values. */
    List<Variable> variables();

    /** The imports in effect, as written ({@code import java.util.*;}). */
    List<String> imports();

    /** Forgets every declaration and import of the session, as a restart would, but keeps the kernel. */
    void reset();
}
