package jdlab.magics;

import java.util.UUID;
import javax.lang.model.SourceVersion;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;

/** Reads the user's variables by name and declares new ones holding live objects. */
public final class SessionVariables {

    private SessionVariables() {
    }

    /** The live value of a variable, or a one-line error naming the magic and what is defined. */
    public static Object value(KernelContext context, String magic, String name) throws UsageException {
        for (Variable variable : context.variables()) {
            if (variable.name().equals(name)) {
                return variable.value();
            }
        }
        throw new UsageException("%" + magic + ": no variable " + name + " is defined (%who lists them)");
    }

    /** Checks that a word can name a Java variable. */
    public static String requireName(String magic, String name, ArgSpec spec) throws UsageException {
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new UsageException("%" + magic + ": " + name + " is not a Java variable name\n" + spec.usage());
        }
        return name;
    }

    /**
     * Declares {@code type name} holding {@code value}. Cells cannot name jdlab's classes and a
     * literal would cap text at 64 KB, so the object passes through the one map both sides see,
     * typed as {@code type} (a class the cells see) on the cell's side.
     */
    public static void assign(KernelContext context, String type, String name, Object value) throws Exception {
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
