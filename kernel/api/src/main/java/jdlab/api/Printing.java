package jdlab.api;

import java.util.Locale;

/**
 * The {@code print}, {@code println} and {@code printf} of JShell's own PRINTING start-up, imported
 * in every session ({@code import static jdlab.api.Printing.*}) so that {@code print("hello")} works
 * as it does in jshell and in Python.
 *
 * <p>Static methods of one class cost a session one import; JShell's start-up declares twenty
 * methods, each compiled as the session starts.
 */
public final class Printing {

    private Printing() {
    }

    /** Prints a value's text to the cell's output. */
    public static void print(Object value) {
        System.out.print(value);
    }

    /** Prints characters as text, not as an array's identity. */
    public static void print(char[] chars) {
        System.out.print(chars);
    }

    /** Prints a value's text and ends the line. */
    public static void println(Object value) {
        System.out.println(value);
    }

    /** Prints characters as text and ends the line. */
    public static void println(char[] chars) {
        System.out.println(chars);
    }

    /** Ends the line. */
    public static void println() {
        System.out.println();
    }

    /** Prints formatted text, as {@link String#format(String, Object...)} formats it. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    /** Prints formatted text in a locale's conventions. */
    public static void printf(Locale locale, String format, Object... args) {
        System.out.printf(locale, format, args);
    }
}
