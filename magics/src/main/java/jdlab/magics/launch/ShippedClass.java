package jdlab.magics.launch;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Code of a cell made into a class defined in the session, so that its bytes reach the workers, and
 * an instance of it to ship: the session variables the code names become fields of the same names,
 * captured when it is built (JShell's variables are static fields: in another JVM they would read 0
 * or null). Two shapes: a {@code %%launch} body, a serializable {@code BiFunction<Collective,
 * PrintStream, Object>} whose {@code run()} is the body, with {@code rank}, {@code worldSize},
 * {@code collective}, {@code out} and the collective calls in scope; and a {@code ModelBuilder}
 * whose {@code build()} returns an expression, for {@code %train --workers}.
 */
public final class ShippedClass {

    /** The names a launch body has in scope besides the session's. */
    static final Set<String> BODY_SCOPE = Set.of("rank", "worldSize", "collective", "out");
    private static final String COLLECTIVE = "jdlab.train.distributed.Collective";
    private static final Pattern STRINGS_AND_COMMENTS = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|//[^\\n]*|/\\*(?s:.*?)\\*/");
    // A name after a dot is a member (Mnist.train), not a variable of the session.
    private static final Pattern IDENTIFIER = Pattern.compile("(?<!\\.\\s{0,40})[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final AtomicInteger DEFINED = new AtomicInteger();

    private ShippedClass() {
    }

    /** A new {@code %%launch} body running {@code body}, holding the variables it names. */
    static Object body(KernelContext context, String body) throws Exception {
        List<Variable> captured = captured(body, context.variables(), BODY_SCOPE);
        checkShippable(captured, "%%launch");
        String name = "LaunchBody" + DEFINED.incrementAndGet();
        return instance(context, name, bodySource(name, body, captured), captured, "%%launch: the body");
    }

    /** A new {@code ModelBuilder} whose {@code build()} returns {@code expression}, holding the variables it names. */
    public static Object builder(KernelContext context, String expression) throws Exception {
        List<Variable> captured = captured(expression, context.variables(), Set.of());
        checkShippable(captured, "%train");
        String name = "ModelBuilder" + DEFINED.incrementAndGet();
        String source = source(name, "jdlab.train.ModelBuilder", captured)
                + "    public Object build() {\n        return " + expression + ";\n    }\n}\n";
        return instance(context, name, source, captured, "%train: " + expression);
    }

    // JShell defines a class that names what the session lacks, and fails only when it is made.
    private static Object instance(KernelContext context, String name, String source, List<Variable> captured,
            String code) throws Exception {
        context.eval(source);
        try {
            return context.eval("new " + name + "(" + captured.stream().map(Variable::name).collect(Collectors.joining(", ")) + ")");
        } catch (SPIResolutionException e) {
            throw new UsageException(code + " names a method, class or variable that the session does not define"
                    + " (%who lists the variables)");
        }
    }

    /** The session's variables that the code names, in declaration order, but for names it has in {@code scope}. */
    static List<Variable> captured(String code, List<Variable> variables, Set<String> scope) {
        Matcher words = IDENTIFIER.matcher(STRINGS_AND_COMMENTS.matcher(code).replaceAll(" "));
        Set<String> named = words.results().map(MatchResult::group).collect(Collectors.toSet());
        return variables.stream().filter(v -> named.contains(v.name()) && !scope.contains(v.name())).toList();
    }

    /** Fails with one line naming the first variable that Java serialization cannot ship. */
    static void checkShippable(List<Variable> captured, String magic) {
        for (Variable v : captured) {
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(v.value());
            } catch (IOException e) {
                throw new UsageException(magic + ": variable `" + v.name() + "` cannot be shipped to the workers ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); build it on the workers instead");
            }
        }
    }

    /** The Java source of the launch body class named {@code name}. */
    static String bodySource(String name, String body, List<Variable> captured) {
        return source(name, "java.util.function.BiFunction<" + COLLECTIVE + ", java.io.PrintStream, Object>", captured)
                + """
                    static final COLLECTIVE.Reduce SUM = COLLECTIVE.Reduce.SUM, MEAN = COLLECTIVE.Reduce.MEAN;
                    private transient COLLECTIVE collective;
                    private transient int rank, worldSize;
                    private transient java.io.PrintStream out;
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
                """.replace("COLLECTIVE", COLLECTIVE)
                + body + "\n    }\n}\n";
    }

    // A serializable class implementing {@code interfaces}, its captured variables final fields set by its constructor.
    private static String source(String name, String interfaces, List<Variable> captured) {
        StringBuilder s = new StringBuilder();
        s.append("public class ").append(name).append(" implements java.io.Serializable, ").append(interfaces).append(" {\n");
        for (Variable v : captured) {
            s.append("    private final ").append(v.type()).append(' ').append(v.name()).append(";\n");
        }
        s.append("    public ").append(name).append('(')
                .append(captured.stream().map(v -> v.type() + " " + v.name()).collect(Collectors.joining(", "))).append(") {\n");
        for (Variable v : captured) {
            s.append("        this.").append(v.name()).append(" = ").append(v.name()).append(";\n");
        }
        s.append("    }\n");
        return s.toString();
    }
}
