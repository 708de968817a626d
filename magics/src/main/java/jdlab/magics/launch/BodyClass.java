package jdlab.magics.launch;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdlab.api.UsageException;
import jdlab.api.Variable;

/**
 * The class a {@code %%launch} body becomes, defined in the session so its bytes reach the workers:
 * a serializable {@code BiFunction<Collective, PrintStream, Object>} whose {@code run()} is the body,
 * with {@code rank}, {@code worldSize}, {@code collective}, {@code out} and the collective calls in
 * scope, and the session variables the body names as fields of the same names, captured when it is
 * built (JShell's variables are static fields: in another JVM they would read 0 or null).
 */
final class BodyClass {

    static final Set<String> IN_SCOPE = Set.of("rank", "worldSize", "collective", "out");
    private static final Pattern STRINGS_AND_COMMENTS = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|//[^\\n]*|/\\*(?s:.*?)\\*/");
    // A name after a dot is a member (Mnist.train), not a variable of the session.
    private static final Pattern IDENTIFIER = Pattern.compile("(?<!\\.\\s{0,40})[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private BodyClass() {
    }

    /** The session's variables that the body names, in declaration order. */
    static List<Variable> captured(String body, List<Variable> variables) {
        Matcher words = IDENTIFIER.matcher(STRINGS_AND_COMMENTS.matcher(body).replaceAll(" "));
        Set<String> named = words.results().map(java.util.regex.MatchResult::group).collect(Collectors.toSet());
        return variables.stream().filter(v -> named.contains(v.name()) && !IN_SCOPE.contains(v.name())).toList();
    }

    /** Fails with one line naming the first variable that Java serialization cannot ship. */
    static void checkShippable(List<Variable> captured) {
        for (Variable v : captured) {
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(v.value());
            } catch (IOException e) {
                throw new UsageException("%%launch: variable `" + v.name() + "` cannot be shipped to the workers ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); build it inside the body instead");
            }
        }
    }

    /** The Java source of the class named {@code name}. */
    static String source(String name, String body, List<Variable> captured) {
        String collective = "jdlab.train.distributed.Collective";
        StringBuilder s = new StringBuilder();
        s.append("public class ").append(name).append(" implements java.io.Serializable, java.util.function.BiFunction<")
                .append(collective).append(", java.io.PrintStream, Object> {\n");
        s.append("    static final ").append(collective).append(".Reduce SUM = ").append(collective).append(".Reduce.SUM, MEAN = ")
                .append(collective).append(".Reduce.MEAN;\n");
        for (Variable v : captured) {
            s.append("    private final ").append(v.type()).append(' ').append(v.name()).append(";\n");
        }
        s.append("    private transient ").append(collective).append(" collective;\n");
        s.append("    private transient int rank, worldSize;\n");
        s.append("    private transient java.io.PrintStream out;\n");
        s.append("    public ").append(name).append('(')
                .append(captured.stream().map(v -> v.type() + " " + v.name()).collect(Collectors.joining(", "))).append(") {\n");
        for (Variable v : captured) {
            s.append("        this.").append(v.name()).append(" = ").append(v.name()).append(";\n");
        }
        s.append("    }\n");
        s.append("""
                    public Object apply(COLLECTIVE collective, java.io.PrintStream out) {
                        this.collective = collective;
                        this.rank = collective.rank();
                        this.worldSize = collective.worldSize();
                        this.out = out;
                        try {
                            run();
                        } catch (RuntimeException | Error e) {
                            throw e;
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                        return null;
                    }
                    void barrier() { collective.barrier(); }
                    float[] broadcast(float[] data, int root) { return collective.broadcast(data, root); }
                    void broadcast(ai.djl.ndarray.NDArray array, int root) { collective.broadcast(array, root); }
                    float[][] allGather(float[] data) { return collective.allGather(data); }
                    void allReduce(float[] data, COLLECTIVE.Reduce op) { collective.allReduce(data, op); }
                    void allReduce(ai.djl.ndarray.NDArray array, COLLECTIVE.Reduce op) { collective.allReduce(array, op); }
                    private void run() throws Exception {
                """.replace("COLLECTIVE", collective));
        s.append(body).append("\n    }\n}\n");
        return s.toString();
    }
}
