package jdlab.magics.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.Renderers;
import jdlab.api.SafePoints;
import jdlab.api.Variable;

/** The part of a kernel that %maven uses: records what is added and displayed; nothing else works. */
final class RecordingContext implements KernelContext {

    final List<Path> added = new ArrayList<>();
    final List<String> displays = new ArrayList<>();
    private final List<Path> shared;

    RecordingContext(List<Path> shared) {
        this.shared = shared;
    }

    @Override
    public void addToClasspath(Path path) {
        added.add(path);
    }

    @Override
    public List<Path> classpath() {
        return List.copyOf(added);
    }

    @Override
    public List<Path> sharedClasspath() {
        return shared;
    }

    @Override
    public Path classOutputDir() {
        throw new UnsupportedOperationException();
    }

    @Override
    public DisplayHandle displayUpdatable(Object value) {
        displays.add("display: " + value);
        return new DisplayHandle() {
            @Override
            public String id() {
                return "progress";
            }

            @Override
            public void update(Object newValue) {
                displays.add("update: " + newValue);
            }
        };
    }

    @Override
    public DisplayHandle displayHandle(String displayId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MimeBundle render(Object value, String... mimeTypes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Renderers.Registration addRenderer(Class<T> type, int priority,
            BiConsumer<? super T, MimeBundle> renderer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clearOutput(boolean wait) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean interrupted() {
        return false;
    }

    @Override
    public SafePoints stopAtSafePoints() {
        return () -> { };
    }

    @Override
    public Object eval(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void display(Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> documentation(String expression) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Variable> variables() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> imports() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException();
    }
}
