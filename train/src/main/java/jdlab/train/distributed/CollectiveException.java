package jdlab.train.distributed;

import java.util.OptionalInt;

/**
 * Thrown by every collective operation when a peer fails, closes or answers out of step, when the
 * operation times out, or when the calling thread is interrupted. The collective is closed by then:
 * the stream state between ranks is unknown, so it cannot be used again.
 */
public final class CollectiveException extends RuntimeException {

    private final int peer;

    CollectiveException(String message, int peer, Throwable cause) {
        super(message, cause);
        this.peer = peer;
    }

    /** The rank whose connection failed or who answered out of step, when known. */
    public OptionalInt peer() {
        return peer < 0 ? OptionalInt.empty() : OptionalInt.of(peer);
    }
}
