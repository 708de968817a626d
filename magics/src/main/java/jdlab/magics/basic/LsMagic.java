package jdlab.magics.basic;

import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.MagicRegistry;

/** {@code %lsmagic}: every line and cell magic, as IPython lists them. */
public final class LsMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("lsmagic", "List the line and cell magics.").build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        var magics = new MagicRegistry().all();
        String line = magics.stream().filter(m -> !m.args().isCell()).map(m -> m.args().invocation())
                .collect(Collectors.joining("  "));
        String cell = magics.stream().filter(m -> m.args().isCell()).map(m -> m.args().invocation())
                .collect(Collectors.joining("  "));
        return "Available line magics:\n" + line + "\n\nAvailable cell magics:\n" + cell
                + "\n\n%help NAME or %NAME --help explains one.";
    }
}
