package jdlab.magics.timing;

import jdlab.magics.ArgSpec;

/** {@code %time STATEMENT}: times one run of the Java code on the rest of the line. */
public final class TimeLineMagic extends TimeMagic {

    /** Declares {@code %time}. */
    public TimeLineMagic() {
        super(ArgSpec.line("time", "Run Java code once; print its CPU and wall time; return its value.")
                .rest("statement", "the Java code to run, as typed")
                .build());
    }
}
