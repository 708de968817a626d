package jdlab.magics.basic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %%capture [NAME]}: runs the cell's Java code without showing what it prints, keeping the text
 * in the variable {@code NAME} when one is given.
 *
 * <p>Capture swaps {@code System.out} and {@code System.err} while the cell runs, so it catches what
 * the code prints at run time, from any thread, until the cell ends.
 */
public final class CaptureMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.cell("capture",
                    "Run the cell's Java code, hiding what it prints to System.out and System.err.")
            .optionalPositional("name", "a variable to hold the output, a Map<String, String> with keys stdout and"
                    + " stderr that shows as the text").newVariable("java.util.Map<String, String>")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream shownOut = System.out;
        PrintStream shownErr = System.err;
        shownOut.flush();
        shownErr.flush();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            context.eval(body);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(shownOut);
            System.setErr(shownErr);
        }
        args.declare("name", new CapturedOutput(out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)), context);
        return null;
    }
}
