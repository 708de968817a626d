package jdlab.launch;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Bytes written become whole lines, each passed on with a prefix ({@code [rank 1] }) as it ends. */
final class PrefixedLines extends OutputStream {

    private final String prefix;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrefixedLines(String prefix, Consumer<String> sink) {
        this.prefix = prefix;
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    /** A line left unfinished is passed on too. */
    @Override
    public void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(prefix + line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
