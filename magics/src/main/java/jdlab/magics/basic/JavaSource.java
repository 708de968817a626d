package jdlab.magics.basic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code %run} needs to know of a {@code .java} file: its code without the package line, and its main class. */
final class JavaSource {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;");
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|enum|interface)\\s+(\\w+)");
    private static final Pattern MAIN = Pattern.compile(
            "\\bpublic\\s+static\\s+void\\s+main\\s*\\(\\s*(?:final\\s+)?String\\s*(?:\\[\\s*]|\\.\\.\\.)\\s*\\w+\\s*\\)");

    private JavaSource() {
    }

    /** The code with its package declaration removed: JShell declares everything in its own package. */
    static String withoutPackage(String code) {
        return PACKAGE.matcher(code).replaceFirst("");
    }

    /** The type declared nearest before the first {@code public static void main(String[])}, if any. */
    static Optional<String> mainClass(String code) {
        Matcher main = MAIN.matcher(code);
        if (!main.find()) {
            return Optional.empty();
        }
        Matcher type = TYPE.matcher(code.substring(0, main.start()));
        String nearest = null;
        while (type.find()) {
            nearest = type.group(1);
        }
        return Optional.ofNullable(nearest);
    }

    /** A Java string literal that evaluates to the given text. */
    static String literal(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
