package jdlab.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** A magic's parsed line: values by the names its {@link jdlab.magics.ArgSpec} declared. */
public final class Args {

    private final jdlab.magics.ArgSpec spec;
    private final String invocation;
    private final ParseResult result;
    private final String help;
    private final Optional<String> rest;
    private final String line;
    private final Map<String, Object> variables;

    Args(jdlab.magics.ArgSpec spec, String invocation, ParseResult result, String help, Optional<String> rest,
            String line, Map<String, Object> variables) {
        this.spec = spec;
        this.invocation = invocation;
        this.result = result;
        this.help = help;
        this.rest = rest;
        this.line = line;
        this.variables = variables;
    }

    /** How the magic was written: {@code %gpu} or {@code %devices}, {@code %time} or {@code %%time}. */
    public String invocation() {
        return invocation;
    }

    /** The arguments as typed, after the magic's name. */
    public String line() {
        return line;
    }

    /** The usage text when the user asked for {@code --help}, else {@code null}. */
    public String helpRequested() {
        return help;
    }

    /**
     * A mistake in this line, to throw: one line that names the magic as it was written and points to
     * {@code --help}.
     */
    public UsageException error(String what) {
        return jdlab.magics.ArgSpec.error(invocation, what);
    }

    /**
     * The raw text after the options, as typed, when the magic declared {@code rest}; empty when none was
     * typed.
     *
     * @throws IllegalStateException when the magic declared no {@code rest}
     */
    public String rest() {
        return rest.orElseThrow(() -> new IllegalStateException("the magic declared no rest of the line"));
    }

    /**
     * The Java code a magic that runs code works on: the cell's body below {@code %%name}, or the rest of
     * the line after {@code %name}.
     *
     * @throws UsageException when there is none, or when a cell magic's line holds code too
     */
    public String code(String body) {
        String code = body != null ? body : rest();
        if (body != null && rest.isPresent() && !rest.get().isBlank()) {
            throw error("the code goes in the cell below " + invocation + ", its line takes only options");
        }
        if (code.isBlank()) {
            throw error("no code to run; write Java code " + (body != null ? "below it" : "after it"));
        }
        return code;
    }

    /** An option's value, a positional word or the rest, as typed; {@code null} when absent and without default. */
    public String string(String name) {
        if (rest.isPresent() && arg(name).isPositional()) {
            return rest.get();
        }
        Object value = value(name);
        return value == null ? null : value.toString();
    }

    /** Whether a flag was given. */
    public boolean flag(String name) {
        return Boolean.TRUE.equals(value(name));
    }

    /** An integer option's value. */
    public Integer integer(String name) {
        return (Integer) value(name);
    }

    /**
     * An option's value of the type it was declared with ({@code Double.class}, {@code Long.class}), or null;
     * for a word declared to name a variable, that variable's live value.
     */
    public <T> T get(String name, Class<T> type) {
        return type.cast(variables.containsKey(name) ? variables.get(name) : value(name));
    }

    /** {@link #get}, empty when the option was not given and has no default. */
    public <T> Optional<T> given(String name, Class<T> type) {
        return Optional.ofNullable(get(name, type));
    }

    /** A value read as a path. */
    public Path path(String name) {
        String value = string(name);
        return value == null ? null : Path.of(value);
    }

    /** The words of a repeated positional, or the values of a repeatable option, in order; empty when none. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object value = value(name);
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }

    /**
     * Declares the variable that the word declared with {@code newVariable} names, holding {@code value};
     * does nothing when that word was not given.
     */
    public void declare(String name, Object value, KernelContext context) throws Exception {
        declare(name, spec.declaredType(name), value, context);
    }

    /**
     * The live value of the variable that a word names, read now: for a word that names a variable
     * only in some uses of the magic, so it was not declared to.
     *
     * @throws UsageException one line naming the magic when no such variable is defined
     */
    public Object variable(String name, KernelContext context) {
        return SessionVariables.value(context, invocation, string(name), Object.class);
    }

    /** Declares the variable that a word names, of a type the magic chooses when it runs; nothing when not given. */
    public void declare(String name, String javaType, Object value, KernelContext context) throws Exception {
        String variable = string(name);
        if (variable != null) {
            SessionVariables.assign(context, javaType, variable, value);
        }
    }

    private Object value(String name) {
        return arg(name).getValue();
    }

    private ArgSpec arg(String name) {
        for (ArgSpec arg : result.commandSpec().args()) {
            boolean named = arg.isOption()
                    ? ((OptionSpec) arg).longestName().equals("--" + name)
                    : arg.paramLabel().equalsIgnoreCase(name);
            if (named) {
                return arg;
            }
        }
        throw new IllegalArgumentException("no argument named " + name + " is declared");
    }
}
