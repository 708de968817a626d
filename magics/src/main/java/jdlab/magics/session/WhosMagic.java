package jdlab.magics.session;

import java.util.List;
import jdlab.api.KernelContext;
import jdlab.api.Variable;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %whos}: the user's variables with their types and a short view of their values. */
public final class WhosMagic implements Magic {

    private static final int VALUE_WIDTH = 60;

    private static final ArgSpec ARGS = ArgSpec.line("whos", "List your variables with their types and values.").build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        List<Variable> variables = context.variables();
        if (variables.isEmpty()) {
            return "No variables are defined.";
        }
        int nameWidth = Math.max("Variable".length(), variables.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int typeWidth = Math.max("Type".length(), variables.stream().mapToInt(v -> v.type().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s   %-" + typeWidth + "s   %s%n";
        StringBuilder table = new StringBuilder(String.format(format, "Variable", "Type", "Data/Info"));
        table.append("-".repeat(nameWidth + typeWidth + 6 + "Data/Info".length())).append('\n');
        for (Variable v : variables) {
            table.append(String.format(format, v.name(), v.type(), shortView(v.value())));
        }
        return table.toString().stripTrailing();
    }

    // One line, cut with an ellipsis: a table of a million rows must not flood the listing.
    static String shortView(Object value) {
        String text;
        try {
            text = String.valueOf(value);
        } catch (RuntimeException e) {
            text = "<toString() failed: " + e.getClass().getSimpleName() + ">";
        }
        text = text.replaceAll("\\s+", " ");
        return text.length() <= VALUE_WIDTH ? text : text.substring(0, VALUE_WIDTH - 1) + "…";
    }
}
