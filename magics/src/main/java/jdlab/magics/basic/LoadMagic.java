package jdlab.magics.basic;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %load PATH}: runs a file's code in the session.
 *
 * <p>IPython's {@code %load} puts the file into the cell for editing; a kernel cannot edit the
 * client's cell, so this one runs the code instead, and its declarations stay defined.
 */
public final class LoadMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("load",
                    "Run a file's Java code as if it were typed in this cell, showing its last value.")
            .positional("path", "the file of Java snippets (a .jsh script, say)")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        return context.eval(ScriptFile.read(ARGS, args.path("path")));
    }
}
