package jdlab.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What a piece of code printed to System.out or System.err, with line ends as {@code \n}. */
final class Captured {

    private Captured() {
    }

    static String stdout(Runnable code) {
        return capture(code, () -> System.out, System::setOut);
    }

    static String stderr(Runnable code) {
        return capture(code, () -> System.err, System::setErr);
    }

    private static String capture(Runnable code, Supplier<PrintStream> current, Consumer<PrintStream> set) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = current.get();
        set.accept(new PrintStream(bytes, true));
        try {
            code.run();
        } finally {
            set.accept(original);
        }
        return bytes.toString().replace(System.lineSeparator(), "\n");
    }
}
