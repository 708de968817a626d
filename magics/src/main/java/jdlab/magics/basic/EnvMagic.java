package jdlab.magics.basic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %env [NAME[=VALUE]]}: shows or sets environment variables, as IPython's does.
 *
 * <p>A JVM cannot change its own environment, so setting {@code NAME} sets the Java system property
 * {@code NAME} instead and remembers the name; from then on {@code %env} shows that property in place
 * of the inherited variable. Child processes ({@code %%bash}) still see the inherited environment.
 */
public final class EnvMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("env",
                    "Show the environment, one variable, or set one (as a Java system property: a JVM cannot"
                            + " change its own environment, so shell cells do not see it).")
            .positionals("assignment", "NAME shows one variable; NAME=VALUE or NAME VALUE sets the system"
                    + " property NAME, shown from then on in place of the environment's NAME")
            .build();

    // Static: the registry may be built more than once, but the JVM's properties are one.
    private static final Set<String> SET_HERE = new ConcurrentSkipListSet<>();

    /** What the words after {@code %env} ask for. */
    sealed interface Request permits ListAll, Show, Assign { }

    record ListAll() implements Request { }

    record Show(String name) implements Request { }

    record Assign(String name, String value) implements Request { }

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        Request request = parse(args.strings("assignment"));
        if (request instanceof Show show) {
            String value = lookup(show.name());
            if (value == null) {
                throw new UsageException("%env: " + show.name() + " is not set; %env " + show.name()
                        + "=VALUE sets it");
            }
            return value;
        }
        if (request instanceof Assign assign) {
            System.setProperty(assign.name(), assign.value());
            SET_HERE.add(assign.name());
            System.out.println("env: " + assign.name() + "=" + assign.value());
            return null;
        }
        return environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /**
     * Reads the words after {@code %env}: none lists, {@code NAME} shows, {@code NAME=VALUE} or
     * {@code NAME VALUE...} sets, the value being the rest of the line with words joined by spaces.
     */
    static Request parse(List<String> words) {
        if (words.isEmpty()) {
            return new ListAll();
        }
        String first = words.get(0);
        String rest = String.join(" ", words.subList(1, words.size()));
        int equals = first.indexOf('=');
        if (equals < 0) {
            return words.size() == 1 ? new Show(first) : new Assign(checked(first), rest);
        }
        String value = first.substring(equals + 1) + (rest.isEmpty() ? "" : " " + rest);
        return new Assign(checked(first.substring(0, equals)), value);
    }

    private static String checked(String name) {
        if (name.isEmpty()) {
            throw ARGS.error("a variable needs a name, as in %env NAME=VALUE");
        }
        return name;
    }

    private static String lookup(String name) {
        if (SET_HERE.contains(name)) {
            return System.getProperty(name);
        }
        String inherited = System.getenv(name);
        return inherited != null ? inherited : System.getProperty(name);
    }

    private static Map<String, String> environment() {
        Map<String, String> all = new TreeMap<>(System.getenv());
        SET_HERE.forEach(name -> all.put(name, System.getProperty(name)));
        return all;
    }
}
