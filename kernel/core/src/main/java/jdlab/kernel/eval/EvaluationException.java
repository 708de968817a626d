package jdlab.kernel.eval;

import jdlab.api.UsageException;

/**
 * Code evaluated for a plugin did not compile, or an interrupt stopped it;
 * carries what the user would have seen. Plugins see the API's {@link UsageException}.
 */
public final class EvaluationException extends UsageException {

    private static final long serialVersionUID = 1L;
    private final transient CellResult.Failure failure;

    EvaluationException(CellResult.Failure failure) {
        super(failure.name() + ": " + failure.value());
        this.failure = failure;
    }

    /** The error as it would show in a cell. */
    public CellResult.Failure failure() {
        return failure;
    }
}
