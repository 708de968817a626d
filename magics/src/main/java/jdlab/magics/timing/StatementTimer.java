package jdlab.magics.timing;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.LongUnaryOperator;
import jdlab.api.KernelContext;

/**
 * Compiles the code to time, once, into a loop that JShell hands back as a live function.
 *
 * <p>Evaluating the code once per loop would time javac (about 10 ms a snippet), not the code.
 */
final class StatementTimer {

    // The $jdlab names keep clear of the user's; the function takes a loop count and returns nanoseconds.
    // Each value goes to a sink so that the JIT cannot drop an expression whose result is unused.
    private static final String TEMPLATE = """
            ((java.util.function.Supplier<java.util.function.LongUnaryOperator>) () -> {
                Object[] $jdlabSink = new Object[1];
                return $jdlabLoops -> {
                    try {
                        long $jdlabStart = System.nanoTime();
                        for (long $jdlabI = 0; $jdlabI < $jdlabLoops; $jdlabI++) {
                            %s
                        }
                        return System.nanoTime() - $jdlabStart;
                    } catch (RuntimeException | Error $jdlabE) {
                        throw $jdlabE;
                    } catch (Exception $jdlabE) {
                        throw new java.lang.reflect.UndeclaredThrowableException($jdlabE);
                    }
                };
            }).get()
            """;

    private StatementTimer() {
    }

    /**
     * Compiles code that is an expression ({@code Math.sqrt(2)}) or statements ({@code list.add(1);}),
     * a trailing semicolon being optional on a last statement.
     *
     * @return runs the code that many times and returns the nanoseconds it took; a checked exception of
     *     the code comes out wrapped, see {@link #unwrap}
     * @throws Exception the compiler's error, when the code is neither
     */
    static LongUnaryOperator compile(String code, KernelContext context) throws Exception {
        String statements = String.format(TEMPLATE, "{\n" + code + "\n;}");
        String trimmed = code.strip();
        if (trimmed.endsWith(";") || trimmed.endsWith("}")) {
            return (LongUnaryOperator) context.eval(statements);
        }
        try {
            return (LongUnaryOperator) context.eval(String.format(TEMPLATE, "$jdlabSink[0] = (\n" + code + "\n);"));
        } catch (Exception notAnExpression) {
            // A void call (System.out.println()) or a declaration: not an expression but a statement.
            try {
                return (LongUnaryOperator) context.eval(statements);
            } catch (Exception notAStatement) {
                throw notAnExpression;
            }
        }
    }

    /** The code's own exception when the timer wrapped a checked one. */
    static Exception unwrap(UndeclaredThrowableException e) {
        return e.getCause() instanceof Exception cause ? cause : e;
    }
}
