package jdlab.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Refuses {@code System.exit} from cells, which would otherwise end the kernel and lose the session.
 *
 * <p>Cells run in the kernel's JVM, so a checkExit hook is the only place to catch the call; JDK 17
 * still offers one through {@link SecurityManager}, which checks nothing else here.
 */
@SuppressWarnings("removal")
public final class ExitGuard extends SecurityManager {

    private volatile boolean permitted;

    /** Installs the guard for the whole JVM. */
    public static ExitGuard install() {
        ExitGuard guard = new ExitGuard();
        // JDK 17 prints four lines of deprecation warning to System.err here, on every start: known
        // and chosen, so they are not shown to the user.
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            System.setSecurityManager(guard);
        } finally {
            System.setErr(err);
        }
        return guard;
    }

    /** Lets the kernel itself exit, at shutdown. */
    public void permitExit() {
        permitted = true;
    }

    @Override
    public void checkExit(int status) {
        if (!permitted) {
            throw new SecurityException("System.exit(" + status + ") would end the kernel and lose every variable;"
                    + " it is refused. To restart, use the notebook's Kernel > Restart.");
        }
    }

    @Override
    public void checkPermission(java.security.Permission permission) {
        // Everything else is allowed: this guard exists only for checkExit.
    }

    @Override
    public void checkPermission(java.security.Permission permission, Object context) {
        // As above.
    }
}
