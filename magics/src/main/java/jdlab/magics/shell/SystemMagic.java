package jdlab.magics.shell;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %system COMMAND}: IJava's name for a shell line, run as {@code !COMMAND} is, so notebooks written
 * for IJava keep working.
 */
public final class SystemMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("system",
                    "Run a shell command, as !COMMAND does, streaming its output (IJava's name for it).")
            .rest("command", "the command line for sh, as typed")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String command = args.rest();
        if (command.isBlank()) {
            throw args.error("name a command, as in %system ls data");
        }
        return ScriptMagic.run("sh", args.invocation(), command, context);
    }
}
