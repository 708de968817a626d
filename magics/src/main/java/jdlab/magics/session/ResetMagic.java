package jdlab.magics.session;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %reset}: forget every variable, method, class and import without restarting the kernel. */
public final class ResetMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("reset",
            "Forget every variable, method, class and import; the kernel stays up and warm.").build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        int variables = context.variables().size();
        context.reset();
        System.out.println("Session reset: " + variables + " variable" + (variables == 1 ? "" : "s") + " forgotten.");
        return null;
    }
}
