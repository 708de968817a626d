package jdlab.magics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdlab.api.UsageException;
import org.apache.commons.text.StringTokenizer;
import org.apache.commons.text.matcher.StringMatcherFactory;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A magic's name, kind and arguments, declared once; parses its line with picocli.
 *
 * <p>The line is split like a shell line (quotes group words) by commons-text, then picocli reads
 * options ({@code -n 5}, {@code --number=5}, {@code --}), positionals and {@code --help}.
 */
public final class ArgSpec {

    private enum Arity { ONE, OPTIONAL, ANY, REST }

    private record Positional(String name, String help, Arity arity) { }

    private record Option(String name, char shortName, Class<?> type, String defaultValue, String help) { }

    private final String name;
    private final String description;
    private final boolean cell;
    private final List<Positional> positionals;
    private final List<Option> options;
    private final List<String> notes;

    private ArgSpec(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
        this.notes = builder.notes;
        this.cell = builder.cell;
        this.positionals = List.copyOf(builder.positionals);
        this.options = List.copyOf(builder.options);
    }

    /** Starts the declaration of the line magic {@code %name}, described in one sentence. */
    public static Builder line(String name, String description) {
        return new Builder(name, description, false);
    }

    /** Starts the declaration of the cell magic {@code %%name}, described in one sentence. */
    public static Builder cell(String name, String description) {
        return new Builder(name, description, true);
    }

    /** The name, without {@code %}. */
    public String name() {
        return name;
    }

    /** The one-sentence description. */
    public String description() {
        return description;
    }

    /** Whether this is a cell magic ({@code %%name}, with a body). */
    public boolean isCell() {
        return cell;
    }

    /** How the magic is written, as in {@code %%writefile [-a] PATH}. */
    public String invocation() {
        return (cell ? "%%" : "%") + name;
    }

    /** Every option as it can be typed, long names first, for tab completion. */
    public List<String> optionWords() {
        List<String> words = new ArrayList<>(List.of("--help"));
        options.forEach(o -> words.add("--" + o.name));
        words.add("-h");
        options.stream().filter(o -> o.shortName != 0).forEach(o -> words.add("-" + o.shortName));
        return words;
    }

    /** The usage text that {@code %name --help} shows. */
    public String usage() {
        return command().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    /**
     * Parses a magic's line (what follows its name).
     *
     * @throws UsageException naming what was wrong, with a suggestion for near misses and the usage
     */
    public Args parse(String line) {
        CommandLine command = command();
        List<String> words = new StringTokenizer(line).setQuoteMatcher(StringMatcherFactory.INSTANCE.quoteMatcher())
                .setIgnoreEmptyTokens(true).getTokenList();
        try {
            ParseResult result = command.parseArgs(words.toArray(new String[0]));
            return new Args(result, result.isUsageHelpRequested() ? usage() : null, rest(line, words, result), line.strip());
        } catch (UnmatchedArgumentException e) {
            String hint = e.getUnmatched().stream().findFirst().flatMap(this::nearestOption)
                    .map(option -> "; did you mean " + option + "?").orElse("");
            throw new UsageException(invocation() + ": " + e.getMessage().strip() + hint + "\n" + usage());
        } catch (ParameterException e) {
            throw new UsageException(invocation() + ": " + e.getMessage().strip() + "\n" + usage());
        }
    }

    // The rest is cut from the raw line, not rejoined from words, so Java code keeps its quotes and spaces.
    // Options come first and are plain words, so the rest starts after as many words as they took.
    private Optional<String> rest(String line, List<String> words, ParseResult result) {
        if (positionals.isEmpty() || positionals.get(0).arity != Arity.REST) {
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
        if (!typed.startsWith("-")) {
            return Optional.empty();
        }
        String bare = typed.replaceFirst("^-+", "").replaceFirst("=.*", "");
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return options.stream().map(Option::name)
                .filter(name -> distance.apply(bare, name) <= Math.max(1, name.length() / 3))
                .min(Comparator.comparingInt(name -> distance.apply(bare, name)))
                .map(name -> "--" + name);
    }

    // Built anew for each parse: picocli keeps parsed values in the model.
    private CommandLine command() {
        CommandSpec spec = CommandSpec.create().name(invocation());
        spec.usageMessage().description(literal(description));
        if (!notes.isEmpty()) {
            List<String> footer = new ArrayList<>(List.of(""));
            notes.stream().map(ArgSpec::literal).forEach(footer::add);
            spec.usageMessage().footer(footer.toArray(new String[0]));
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        for (Option o : options) {
            OptionSpec.Builder option = o.shortName == 0
                    ? OptionSpec.builder("--" + o.name) : OptionSpec.builder("-" + o.shortName, "--" + o.name);
            option.type(o.type).description(literal(o.help));
            if (o.type == List.class) {
                option.auxiliaryTypes(String.class).paramLabel(o.name.toUpperCase());
            } else if (o.type != boolean.class) {
                option.paramLabel(o.name.toUpperCase()).defaultValue(o.defaultValue);
            }
            spec.addOption(option.build());
        }
        int index = 0;
        for (Positional p : positionals) {
            PositionalParamSpec.Builder positional = PositionalParamSpec.builder().paramLabel(p.name.toUpperCase())
                    .description(literal(p.help));
            switch (p.arity) {
                case ONE -> positional.index(String.valueOf(index)).arity("1").required(true).type(String.class);
                case OPTIONAL -> positional.index(String.valueOf(index)).arity("0..1").type(String.class);
                case ANY, REST -> positional.index(index + "..*").arity("0..*").type(List.class).auxiliaryTypes(String.class);
            }
            spec.addPositional(positional.build());
            index++;
        }
        CommandLine command = new CommandLine(spec);
        command.setAbbreviatedOptionsAllowed(false);
        // After the first word of code, nothing is an option: `%time f(-1)` must not read -1.
        command.setStopAtPositional(positionals.stream().anyMatch(p -> p.arity == Arity.REST));
        return command;
    }

    // picocli formats help text with String.format; a magic's text speaks of %magics.
    private static String literal(String text) {
        return text.replace("%", "%%");
    }

    /** Declares arguments; {@link #build()} checks the declaration. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final boolean cell;
        private final List<Positional> positionals = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();
        private List<String> notes = List.of();

        private Builder(String name, String description, boolean cell) {
            this.name = name;
            this.description = description;
            this.cell = cell;
        }

        /** A required word. */
        public Builder positional(String name, String help) {
            positionals.add(new Positional(name, help, Arity.ONE));
            return this;
        }

        /** A word that may be left out. */
        public Builder optionalPositional(String name, String help) {
            positionals.add(new Positional(name, help, Arity.OPTIONAL));
            return this;
        }

        /** Any number of words, last. */
        public Builder positionals(String name, String help) {
            positionals.add(new Positional(name, help, Arity.ANY));
            return this;
        }

        /**
         * The raw rest of the line after the options, for a magic whose argument is code ({@code %time x + 1});
         * declared alone, without other positionals.
         */
        public Builder rest(String name, String help) {
            positionals.add(new Positional(name, help, Arity.REST));
            return this;
        }

        /** {@code --name} (and {@code -s} when {@code shortName} is not 0) that takes no value. */
        public Builder flag(String name, char shortName, String help) {
            options.add(new Option(name, shortName, boolean.class, null, help));
            return this;
        }

        /** {@code --name VALUE} of a type (String, Integer, Path, ...) with a default, or null for none. */
        public Builder option(String name, char shortName, Class<?> type, String defaultValue, String help) {
            options.add(new Option(name, shortName, type, defaultValue, help));
            return this;
        }

        /** {@code --name VALUE} that may be given several times; {@link Args#strings} reads the values in order. */
        public Builder repeatableOption(String name, char shortName, String help) {
            options.add(new Option(name, shortName, List.class, null, help));
            return this;
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
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("a magic name is a word of letters, digits and _: " + name);
            }
            for (int i = 0; i < positionals.size() - 1; i++) {
                if (positionals.get(i).arity != Arity.ONE) {
                    throw new IllegalArgumentException(name + ": only the last positional may be optional or repeated");
                }
            }
            if (positionals.size() > 1 && positionals.stream().anyMatch(p -> p.arity == Arity.REST)) {
                throw new IllegalArgumentException(name + ": rest takes the whole line after the options; "
                        + "declare no other positionals beside it");
            }
            return new ArgSpec(this);
        }
    }
}
