package jdlab.magics.basic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.lang.model.SourceVersion;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
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
                    + " stderr that shows as the text")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String name = args.string("name");
        if (name != null && !(SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name))) {
            throw new UsageException("%%capture: " + name + " is not a Java variable name\n" + ARGS.usage());
        }
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
        if (name != null) {
            store(name, new CapturedOutput(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)),
                    context);
        }
        return null;
    }

    // Cells cannot name jdlab's classes, and a literal would cap the text at 64 KB, so the live object
    // passes through the one map both sides see, typed as the JDK's Map on the cell's side.
    private static void store(String name, CapturedOutput captured, KernelContext context) throws Exception {
        String key = "jdlab.capture." + UUID.randomUUID();
        System.getProperties().put(key, captured);
        try {
            context.eval("@SuppressWarnings(\"unchecked\") java.util.Map<String, String> " + name
                    + " = (java.util.Map<String, String>) System.getProperties().remove(\"" + key + "\");");
        } finally {
            System.getProperties().remove(key);
        }
    }
}
