package jdlab.magics.basic;

import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.MagicRegistry;

/** {@code %help [NAME]}: one magic's usage, or every magic with its one-line description. */
public final class HelpMagic implements Magic {

    private static final int NAMES_WIDTH = 16;

    private static final ArgSpec ARGS = ArgSpec.line("help", "Explain a magic, or list them all with what they do.")
            .optionalPositional("name", "a magic's name, with or without % or %%")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        MagicRegistry registry = new MagicRegistry();
        String name = args.string("name");
        if (name == null) {
            return registry.all().stream().map(m -> entry(String.join(", ", m.args().invocations()),
                    m.args().description())).collect(Collectors.joining("\n"));
        }
        // As typed first (%%time), then by the bare name, the line magic first (time is %time).
        return registry.all().stream().flatMap(m -> m.args().invocations().stream()
                        .filter(i -> i.equals(name) || i.replaceFirst("^%{1,2}", "").equals(name))
                        .map(i -> m.args().usage(i)))
                .findFirst()
                .orElseThrow(() -> new UsageException("%help: no magic named " + name + " (%lsmagic lists them all)"));
    }

    // Descriptions line up in one column; names too long for theirs get a line of their own above it.
    static String entry(String names, String description) {
        String indent = " ".repeat(NAMES_WIDTH + 1);
        return names.length() <= NAMES_WIDTH ? String.format("%-" + NAMES_WIDTH + "s %s", names, description)
                : names + "\n" + indent + description;
    }
}
