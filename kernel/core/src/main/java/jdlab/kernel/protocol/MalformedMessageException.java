package jdlab.kernel.protocol;

/** A message that must not be acted on: unsigned, wrongly signed, or not shaped as the spec says. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedMessageException(String reason) {
        super(reason);
    }
}
