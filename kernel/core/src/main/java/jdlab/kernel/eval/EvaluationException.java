package jdlab.kernel.eval;

/** Code evaluated for a plugin failed; carries what the user would have seen. */
public final class EvaluationException extends Exception {

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
