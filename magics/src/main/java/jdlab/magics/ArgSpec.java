package jdlab.magics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import org.apache.commons.text.StringTokenizer;
import org.apache.commons.text.matcher.StringMatcherFactory;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A magic's names, kinds and arguments, declared once; parses its line with picocli.
 *
 * <p>The line is split like a shell line (quotes group words) by commons-text, then picocli reads
 * options ({@code -n 5}, {@code --number=5}, {@code --}), positionals and {@code --help}. What a magic
 * would otherwise check by hand is declared here: required options, defaults (shown in the help),
 * other names, and words that name a session variable, read or declared.
 */
public final class ArgSpec {

    private enum Kind { FLAG, OPTION, REPEATABLE, ONE, OPTIONAL, ANY, REST }

    /**
     * One declared argument. {@code reads} is the type of the session variable its word names, or null;
     * {@code declares} the Java type of the variable it names for the magic to declare, or null.
     */
    private record Argument(String name, char shortName, Kind kind, Class<?> type, String defaultValue, String help,
            boolean required, Class<?> reads, String declares) {

        boolean isOption() {
            return kind == Kind.FLAG || kind == Kind.OPTION || kind == Kind.REPEATABLE;
        }

        boolean takesOneWord() {
            return kind == Kind.OPTION || kind == Kind.ONE || kind == Kind.OPTIONAL;
        }

        // An option that names a variable reads --data NAME; a positional keeps its own name, which Args looks up.
        String label() {
            return isOption() && (reads != null || declares != null) ? "NAME" : name.toUpperCase();
        }

        String helpWithDefault() {
            return defaultValue == null ? help : help + " (default " + defaultValue + ")";
        }
    }

    private final List<String> names;
    private final String description;
    private final boolean line;
    private final boolean cell;
    private final List<Argument> arguments;
    private final List<String> notes;

    private ArgSpec(Builder builder) {
        this.names = List.copyOf(builder.names);
        this.description = builder.description;
        this.line = builder.line;
        this.cell = builder.cell;
        this.arguments = List.copyOf(builder.arguments);
        this.notes = builder.notes;
    }

    /** Starts the declaration of the line magic {@code %name}, described in one sentence. */
    public static Builder line(String name, String description) {
        return new Builder(name, description, true, false);
    }

    /** Starts the declaration of the cell magic {@code %%name}, described in one sentence. */
    public static Builder cell(String name, String description) {
        return new Builder(name, description, false, true);
    }

    /**
     * Starts the declaration of a magic written both ways, {@code %name} on a line and {@code %%name} atop
     * a cell, described in one sentence; {@link Args#code} gives the code of either.
     */
    public static Builder lineAndCell(String name, String description) {
        return new Builder(name, description, true, true);
    }

    /** The one-sentence description. */
    public String description() {
        return description;
    }

    /**
     * Every way to write the magic, its first name's first: {@code %time}, {@code %%time}; {@code %devices},
     * {@code %gpu}.
     */
    public List<String> invocations() {
        List<String> all = new ArrayList<>();
        for (String name : names) {
            if (line) {
                all.add("%" + name);
            }
            if (cell) {
                all.add("%%" + name);
            }
        }
        return all;
    }

    /** The first way to write the magic, as in {@code %%writefile}. */
    public String invocation() {
        return invocations().get(0);
    }

    /** Every option as it can be typed, long names first, for tab completion. */
    public List<String> optionWords() {
        List<String> words = new ArrayList<>(List.of("--help"));
        options().forEach(o -> words.add("--" + o.name));
        words.add("-h");
        options().filter(o -> o.shortName != 0).forEach(o -> words.add("-" + o.shortName));
        return words;
    }

    /** The usage text that {@code invocation --help} shows. */
    public String usage(String invocation) {
        return command(invocation).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    /** Parses a line written after the first way to write the magic, for a magic that reads no variable. */
    public Args parse(String line) {
        return parse(invocation(), line, null);
    }

    /**
     * Parses a magic's line (what follows its name), reading the variables its words name.
     *
     * @param invocation how the magic was written, one of {@link #invocations()}
     * @param context the session whose variables are read; may be null when the magic reads none
     * @throws UsageException one line naming what was wrong, with a suggestion for a near miss
     */
    public Args parse(String invocation, String line, KernelContext context) {
        if (!invocations().contains(invocation)) {
            throw new IllegalArgumentException(invocation + " is not one of " + invocations());
        }
        CommandLine command = command(invocation);
        List<String> words = new StringTokenizer(line).setQuoteMatcher(StringMatcherFactory.INSTANCE.quoteMatcher())
                .setIgnoreEmptyTokens(true).getTokenList();
        ParseResult result;
        try {
            result = command.parseArgs(words.toArray(new String[0]));
        } catch (UnmatchedArgumentException e) {
            throw error(invocation, unmatched(e));
        } catch (MissingParameterException e) {
            // A required word left out; not an option typed without its value, which picocli words well.
            CommandLine.Model.ArgSpec missing = e.getMissing().get(0);
            String word = missing.isPositional() ? missing.paramLabel()
                    : ((OptionSpec) missing).longestName() + " " + missing.paramLabel();
            throw error(invocation, missing.isPositional() || missing.required() ? word + " is needed"
                    : e.getMessage().strip());
        } catch (ParameterException e) {
            throw error(invocation, e.getMessage().strip());
        }
        if (result.isUsageHelpRequested()) {
            return new Args(this, invocation, result, usage(invocation), Optional.empty(), line.strip(), Map.of());
        }
        return new Args(this, invocation, result, null, rest(line, words, result), line.strip(),
                variables(invocation, result, context));
    }

    /** A mistake in the magic's line, to throw: one line, pointing to {@code --help} for the whole usage. */
    public UsageException error(String what) {
        return error(invocation(), what);
    }

    static UsageException error(String invocation, String what) {
        return new UsageException(invocation + ": " + what + " (" + invocation + " --help for usage)");
    }

    /** The Java type of the variable the argument names for the magic to declare. */
    String declaredType(String name) {
        return arguments.stream().filter(a -> a.name.equals(name) && a.declares != null).findFirst()
                .map(Argument::declares)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not declared to name a new variable"));
    }

    private String unmatched(UnmatchedArgumentException e) {
        String first = e.getUnmatched().get(0);
        if (!first.startsWith("-")) {
            return e.getMessage().strip();
        }
        String typed = first.replaceFirst("=.*", "");
        return "unknown option '" + typed + "'"
                + nearestOption(typed).map(o -> "; did you mean '" + o + "'?").orElse("");
    }

    // Words that name variables are checked here, so a magic starts work only on a line that is right.
    private Map<String, Object> variables(String invocation, ParseResult result, KernelContext context) {
        Map<String, Object> live = new HashMap<>();
        for (Argument a : arguments) {
            String word = a.reads != null || a.declares != null ? wordOf(a, result) : null;
            if (word == null) {
                continue;
            }
            if (a.declares != null && (!SourceVersion.isIdentifier(word) || SourceVersion.isKeyword(word))) {
                throw error(invocation, word + " is not a Java variable name");
            }
            if (a.reads != null) {
                if (context == null) {
                    throw new IllegalStateException(invocation + " reads variables: parse it with a context");
                }
                live.put(a.name, SessionVariables.value(context, invocation, word, a.reads));
            }
        }
        return live;
    }

    private static String wordOf(Argument a, ParseResult result) {
        if (a.isOption()) {
            return result.matchedOptionValue("--" + a.name, null);
        }
        return result.matchedPositionals().stream().filter(p -> p.paramLabel().equals(a.label()))
                .findFirst().map(p -> (String) p.getValue()).orElse(null);
    }

    // The rest is cut from the raw line, not rejoined from words, so Java code keeps its quotes and spaces.
    // Options come first and are plain words, so the rest starts after as many words as they took.
    private Optional<String> rest(String line, List<String> words, ParseResult result) {
        if (positionals().noneMatch(p -> p.kind == Kind.REST)) {
            return Optional.empty();
        }
        List<String> restWords = result.matchedPositionals().isEmpty()
                ? List.of() : result.matchedPositionals().get(0).getValue();
        int optionWords = words.size() - restWords.size();
        Matcher word = Pattern.compile("\\S+").matcher(line);
        int end = 0;
        for (int i = 0; i < optionWords && word.find(); i++) {
            end = word.end();
        }
        return Optional.of(restWords.isEmpty() ? "" : line.substring(end).strip());
    }

    private Optional<String> nearestOption(String typed) {
        String bare = typed.replaceFirst("^-+", "");
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return options().map(Argument::name)
                .filter(name -> distance.apply(bare, name) <= Math.max(1, name.length() / 3))
                .min(Comparator.comparingInt(name -> distance.apply(bare, name)))
                .map(name -> "--" + name);
    }

    private Stream<Argument> options() {
        return arguments.stream().filter(Argument::isOption);
    }

    private Stream<Argument> positionals() {
        return arguments.stream().filter(a -> !a.isOption());
    }

    // Built anew for each parse: picocli keeps parsed values in the model.
    private CommandLine command(String invocation) {
        CommandSpec spec = CommandSpec.create().name(invocation);
        spec.usageMessage().description(literal(description));
        List<String> footer = new ArrayList<>();
        notes.stream().map(ArgSpec::literal).forEach(footer::add);
        if (invocations().size() > 1) {
            footer.add(literal("The same magic: " + String.join(", ", invocations()) + "."));
        }
        if (!footer.isEmpty()) {
            footer.add(0, "");
            spec.usageMessage().footer(footer.toArray(new String[0]));
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        options().forEach(o -> spec.addOption(optionSpec(o)));
        int index = 0;
        for (Argument p : positionals().toList()) {
            PositionalParamSpec.Builder positional = PositionalParamSpec.builder().paramLabel(p.label())
                    .description(literal(p.help));
            switch (p.kind) {
                case ONE -> positional.index(String.valueOf(index)).arity("1").required(true).type(String.class);
                case OPTIONAL -> positional.index(String.valueOf(index)).arity("0..1").type(String.class);
                default -> positional.index(index + "..*").arity("0..*").type(List.class).auxiliaryTypes(String.class);
            }
            spec.addPositional(positional.build());
            index++;
        }
        CommandLine command = new CommandLine(spec);
        command.setAbbreviatedOptionsAllowed(false);
        // After the first word of code, nothing is an option: `%time f(-1)` must not read -1.
        command.setStopAtPositional(positionals().anyMatch(p -> p.kind == Kind.REST));
        return command;
    }

    private static OptionSpec optionSpec(Argument o) {
        OptionSpec.Builder option = o.shortName == 0
                ? OptionSpec.builder("--" + o.name) : OptionSpec.builder("-" + o.shortName, "--" + o.name);
        option.type(o.type).description(literal(o.helpWithDefault()));
        if (o.kind == Kind.REPEATABLE) {
            option.auxiliaryTypes(String.class).paramLabel(o.label());
        } else if (o.kind == Kind.OPTION) {
            option.paramLabel(o.label()).defaultValue(o.defaultValue).required(o.required);
        }
        return option.build();
    }

    // picocli formats help text with String.format; a magic's text speaks of %magics.
    private static String literal(String text) {
        return text.replace("%", "%%");
    }

    /**
     * Declares arguments; {@link #build()} checks the declaration. {@link #required()}, {@link #variable} and
     * {@link #newVariable} refine the argument declared just before them.
     */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final String description;
        private final boolean line;
        private final boolean cell;
        private final List<Argument> arguments = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private List<String> notes = List.of();

        private Builder(String name, String description, boolean line, boolean cell) {
            this.names.add(name);
            this.description = description;
            this.line = line;
            this.cell = cell;
        }

        /** Another name the magic answers to, written the same ways ({@code %gpu} for {@code %devices}). */
        public Builder alias(String name) {
            names.add(name);
            return this;
        }

        /** A required word. */
        public Builder positional(String name, String help) {
            return add(new Argument(name, '\0', Kind.ONE, String.class, null, help, false, null, null));
        }

        /** A word that may be left out. */
        public Builder optionalPositional(String name, String help) {
            return add(new Argument(name, '\0', Kind.OPTIONAL, String.class, null, help, false, null, null));
        }

        /** Any number of words, last. */
        public Builder positionals(String name, String help) {
            return add(new Argument(name, '\0', Kind.ANY, List.class, null, help, false, null, null));
        }

        /**
         * The raw rest of the line after the options, for a magic whose argument is code ({@code %time x + 1});
         * declared alone, without other positionals.
         */
        public Builder rest(String name, String help) {
            return add(new Argument(name, '\0', Kind.REST, List.class, null, help, false, null, null));
        }

        /** {@code --name} (and {@code -s} when {@code shortName} is not 0) that takes no value. */
        public Builder flag(String name, char shortName, String help) {
            return add(new Argument(name, shortName, Kind.FLAG, boolean.class, null, help, false, null, null));
        }

        /**
         * {@code --name VALUE} of a type (String, Integer, Path, ...) with a default, or null for none; the
         * help text names the default.
         */
        public Builder option(String name, char shortName, Class<?> type, String defaultValue, String help) {
            return add(new Argument(name, shortName, Kind.OPTION, type, defaultValue, help, false, null, null));
        }

        /** {@code --name VALUE} that may be given several times; {@link Args#strings} reads the values in order. */
        public Builder repeatableOption(String name, char shortName, String help) {
            return add(new Argument(name, shortName, Kind.REPEATABLE, List.class, null, help, false, null, null));
        }

        /** The option declared just before must be given: a line without it is a one-line error. */
        public Builder required() {
            Argument a = last("required");
            if (a != null && (a.kind != Kind.OPTION || a.defaultValue != null)) {
                problems.add(a.name + ": only an option without a default can be required");
            }
            return a == null ? this : replaceLast(new Argument(a.name, a.shortName, a.kind, a.type, a.defaultValue,
                    a.help, true, a.reads, a.declares));
        }

        /**
         * The word declared just before names a session variable holding a {@code type}; {@link Args#get}
         * gives its live value, and a missing variable or one of another type is a one-line error.
         */
        public Builder variable(Class<?> type) {
            Argument a = last("variable");
            return a == null ? this : replaceLast(new Argument(a.name, a.shortName, a.kind, a.type, a.defaultValue,
                    a.help, a.required, type, null));
        }

        /**
         * The word declared just before names a variable the magic declares, of the Java type {@code javaType}
         * as cells write it; {@link Args#declare} assigns it, and a word that cannot name a variable is a
         * one-line error.
         */
        public Builder newVariable(String javaType) {
            Argument a = last("newVariable");
            return a == null ? this : replaceLast(new Argument(a.name, a.shortName, a.kind, a.type, a.defaultValue,
                    a.help, a.required, null, javaType));
        }

        /**
         * Paragraphs that {@code --help} shows below the options, each wrapped to the width: what the one-sentence
         * description leaves out.
         */
        public Builder notes(String... paragraphs) {
            this.notes = List.of(paragraphs);
            return this;
        }

        /** Checks the declaration and returns it, immutable. */
        public ArgSpec build() {
            for (String name : names) {
                if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("a magic name is a word of letters, digits and _: " + name);
                }
            }
            String name = names.get(0);
            for (Argument a : arguments) {
                if ((a.reads != null || a.declares != null) && (!a.takesOneWord() || a.type != String.class)) {
                    problems.add(a.name + ": only a word (an option or positional of one String) can name a variable");
                }
            }
            List<Argument> positionals = arguments.stream().filter(a -> !a.isOption()).toList();
            for (int i = 0; i < positionals.size() - 1; i++) {
                if (positionals.get(i).kind != Kind.ONE) {
                    problems.add("only the last positional may be optional or repeated");
                }
            }
            if (positionals.size() > 1 && positionals.stream().anyMatch(p -> p.kind == Kind.REST)) {
                problems.add("rest takes the whole line after the options; declare no other positionals beside it");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(name + ": " + problems.get(0));
            }
            return new ArgSpec(this);
        }

        private Builder add(Argument argument) {
            arguments.add(argument);
            return this;
        }

        private Argument last(String modifier) {
            if (arguments.isEmpty()) {
                problems.add(modifier + "() refines an argument: declare one before it");
                return null;
            }
            return arguments.get(arguments.size() - 1);
        }

        private Builder replaceLast(Argument argument) {
            arguments.set(arguments.size() - 1, argument);
            return this;
        }
    }
}
