package jdlab.magics.timing;

import jdlab.magics.ArgSpec;

/** {@code %timeit [-n N] [-r R] STATEMENT}: times the Java code on the rest of the line, many times. */
public final class TimeitLineMagic extends TimeitMagic {

    /** Declares {@code %timeit}. */
    public TimeitLineMagic() {
        super(ArgSpec.line("timeit", "Time Java code over many loops and runs; return the mean and spread per loop.")
                .rest("statement", "the Java code to time, an expression or statements, as typed"));
    }
}
