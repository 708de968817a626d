package jdlab.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/** A magic's parsed line: values by the names its {@link jdlab.magics.ArgSpec} declared. */
public final class Args {

    private final ParseResult result;
    private final String help;
    private final Optional<String> rest;
    private final String line;

    Args(ParseResult result, String help, Optional<String> rest, String line) {
        this.result = result;
        this.help = help;
        this.rest = rest;
        this.line = line;
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
     * The raw text after the options, as typed, when the magic declared {@code rest}; empty when none was
     * typed.
     *
     * @throws IllegalStateException when the magic declared no {@code rest}
     */
    public String rest() {
        return rest.orElseThrow(() -> new IllegalStateException("the magic declared no rest of the line"));
    }

    /**
     * The Java code a magic that runs code works on: the cell's body below {@code %%name}, or
     * the rest of the line after {@code %name}.
     */
    public String code(String body) {
        return body != null ? body : rest();
    }

    /** An option's value, a positional word or the rest, or {@code null} when absent and without default. */
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

    /** An option's value of the type it was declared with ({@code Double.class}, {@code Long.class}), or null. */
    public <T> T get(String name, Class<T> type) {
        return type.cast(value(name));
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

    private Object value(String name) {
        return arg(name).getValue();
    }

    private ArgSpec arg(String name) {
        for (ArgSpec arg : result.commandSpec().args()) {
            boolean named = arg.isOption()
                    ? ((picocli.CommandLine.Model.OptionSpec) arg).longestName().equals("--" + name)
                    : arg.paramLabel().equalsIgnoreCase(name);
            if (named) {
                return arg;
            }
        }
        throw new IllegalArgumentException("no argument named " + name + " is declared");
    }
}
