package jdlab.magics.timing;

import jdlab.magics.ArgSpec;

/** {@code %%timeit [-n N] [-r R]}: times the cell's Java code, many times. */
public final class TimeitCellMagic extends TimeitMagic {

    /** Declares {@code %%timeit}. */
    public TimeitCellMagic() {
        super(ArgSpec.cell("timeit", "Time the cell's Java code over many loops and runs; return the mean and "
                + "spread per loop."));
    }
}
