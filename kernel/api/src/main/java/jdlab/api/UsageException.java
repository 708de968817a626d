package jdlab.api;

/** A mistake of the user's: the kernel shows its message as is, without a stack trace. */
public class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates one with a message that says what was wrong and how to fix it. */
    public UsageException(String message) {
        super(message);
    }
}
