package jdlab.kernel;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import jdlab.api.MimeBundle;
import jdlab.api.Renderers;

/** The renderers cells and libraries registered while the kernel runs, ranked as {@link Renderers} says. */
final class RuntimeRenderers {

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final AtomicLong order = new AtomicLong();

    /** One registration; {@code shadowedNoted} keeps the note that the kernel outranks it to once. */
    static final class Entry implements Renderers.Registration {
        private final Class<?> type;
        private final int priority;
        private final long order;
        private final BiConsumer<Object, MimeBundle> renderer;
        private final RuntimeRenderers table;
        volatile boolean shadowedNoted;

        @SuppressWarnings("unchecked")
        private <T> Entry(Class<T> type, int priority, long order, BiConsumer<? super T, MimeBundle> renderer,
                RuntimeRenderers table) {
            this.type = type;
            this.priority = priority;
            this.order = order;
            // Only called with values that are instances of type: see rendererFor.
            this.renderer = (BiConsumer<Object, MimeBundle>) renderer;
            this.table = table;
        }

        Class<?> type() {
            return type;
        }

        int priority() {
            return priority;
        }

        /** Whether it draws in place of the kernel's renderers, rather than after them found nothing. */
        boolean overridesKernel() {
            return priority >= Renderers.KERNEL;
        }

        void render(Object value, MimeBundle bundle) {
            renderer.accept(value, bundle);
        }

        @Override
        public void remove() {
            table.entries.remove(this);
        }
    }

    <T> Renderers.Registration add(Class<T> type, int priority, BiConsumer<? super T, MimeBundle> renderer) {
        Entry entry = new Entry(type, priority, order.incrementAndGet(), renderer, this);
        entries.add(entry);
        return entry;
    }

    /** The renderer of the highest priority, the latest among equals, that draws this value. */
    Optional<Entry> rendererFor(Object value) {
        return entries.stream()
                .filter(entry -> entry.type.isInstance(value))
                .max(Comparator.comparingInt(Entry::priority).thenComparingLong(entry -> entry.order));
    }

    /** Forgets every registration, as a restart of the session does with the classes they draw. */
    void clear() {
        entries.clear();
    }
}
