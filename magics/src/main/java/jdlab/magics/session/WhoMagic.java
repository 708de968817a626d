package jdlab.magics.session;

import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.Variable;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %who}: the names of the user's variables. */
public final class WhoMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("who", "List the names of your variables.").build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        String names = context.variables().stream().map(Variable::name).collect(Collectors.joining("  "));
        return names.isEmpty() ? "No variables are defined." : names;
    }
}
