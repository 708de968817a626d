package jdlab.kernel;

import com.sun.jna.Function;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Puts SIGINT back to its default disposition, through libc, for a kernel that inherited it ignored.
 *
 * <p>A process started in the background of a shell without job control ({@code jupyter lab &} in a
 * script, some service managers) starts with SIGINT ignored, and its children inherit that. The JVM
 * honours an inherited ignore: {@code Signal.handle} then installs nothing and answers
 * {@code SIG_IGN}, and no SIGINT ever reaches the kernel. Java cannot undo it; {@code signal(2)} can.
 */
final class DefaultSigint {

    private static final int SIGINT = 2; // the same number on every POSIX system

    private DefaultSigint() {
    }

    /** Sets SIGINT's disposition to SIG_DFL, after which the JVM lets a handler be installed. */
    static void restore() {
        Function.getFunction(Platform.C_LIBRARY_NAME, "signal").invokePointer(new Object[] {SIGINT, Pointer.NULL});
    }
}
