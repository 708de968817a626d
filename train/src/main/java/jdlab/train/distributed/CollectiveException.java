package jdlab.train.distributed;

/**
 * An operation of a {@link Collective} that cannot complete: a rank failed or closed its connections,
 * did not answer within the timeout, or the calling thread was interrupted. The collective is closed
 * by then, so the other ranks fail too instead of waiting.
 */
public final class CollectiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
