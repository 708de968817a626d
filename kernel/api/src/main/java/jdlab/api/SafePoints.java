package jdlab.api;

/** Held while code stops at safe points on interrupt; see {@link KernelContext#stopAtSafePoints()}. */
public interface SafePoints extends AutoCloseable {

    /** How long an interrupt waits for the code to return before stopping it by force. */
    long GRACE_MILLIS = 5_000;

    /** Ends the declaration: an interrupt stops the cell at once again. */
    @Override
    void close();
}
