package jdlab.magics;

import jdlab.api.KernelContext;

/** One magic: its argument declaration, which also names it, and what it does. */
public interface Magic {

    /** The magic's name, kind and arguments, declared once. */
    ArgSpec args();

    /**
     * Runs the magic.
     *
     * @param args the parsed line
     * @param body the cell below a {@code %%} line, or {@code null} for a line magic
     * @return a value for the kernel to display, or {@code null}
     * @throws jdlab.api.UsageException for a mistake of the user's, shown as one line
     */
    Object run(Args args, String body, KernelContext context) throws Exception;
}
