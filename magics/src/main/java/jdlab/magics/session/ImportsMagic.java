package jdlab.magics.session;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %imports}: the imports in effect. */
public final class ImportsMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("imports", "List the imports in effect.").build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        var imports = context.imports();
        return imports.isEmpty() ? "No imports; java.lang is always there." : String.join("\n", imports);
    }
}
