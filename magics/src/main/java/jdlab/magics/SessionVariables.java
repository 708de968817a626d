package jdlab.magics;

import java.util.UUID;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;

/** Reads the user's variables by name and declares new ones holding live objects. */
final class SessionVariables {

    private SessionVariables() {
    }

    /**
     * The live value of a variable, checked against the type the magic needs.
     *
     * @throws UsageException one line naming the magic and what is defined, or the variable's real type
     */
    static Object value(KernelContext context, String invocation, String name, Class<?> type) {
        for (Variable variable : context.variables()) {
            if (variable.name().equals(name)) {
                Object value = variable.value();
                // Any variable will do for Object, a null one too: the magic says what it accepts.
                if (type != Object.class && !type.isInstance(value)) {
                    String actual = value == null ? "null" : withArticle(value.getClass().getName());
                    throw new UsageException(invocation + ": " + name + " is " + actual + ", not "
                            + withArticle(type.getName()));
                }
                return value;
            }
        }
        throw new UsageException(invocation + ": no variable " + name + " is defined (%who lists them)");
    }

    private static String withArticle(String className) {
        return ("aeiou".indexOf(Character.toLowerCase(className.charAt(0))) >= 0 ? "an " : "a ") + className;
    }

    /**
     * Declares {@code type name} holding {@code value}. Cells cannot name jdlab's classes and a
     * literal would cap text at 64 KB, so the object passes through the one map both sides see,
     * typed as {@code type} (a class the cells see) on the cell's side.
     */
    static void assign(KernelContext context, String type, String name, Object value) throws Exception {
        String key = "jdlab.variable." + UUID.randomUUID();
        System.getProperties().put(key, value);
        try {
            context.eval("@SuppressWarnings(\"unchecked\") " + type + " " + name + " = (" + type
                    + ") System.getProperties().remove(\"" + key + "\");");
        } finally {
            System.getProperties().remove(key);
        }
    }
}
