package jdlab.magics.timing;

import jdlab.magics.ArgSpec;

/** {@code %%time}: times one run of the cell's Java code. */
public final class TimeCellMagic extends TimeMagic {

    /** Declares {@code %%time}. */
    public TimeCellMagic() {
        super(ArgSpec.cell("time", "Run the cell's Java code once; print its CPU and wall time; return its value.")
                .build());
    }
}
