package jdlab.api;

/**
 * One variable of the user's session.
 *
 * @param name its name
 * @param type its declared type, as written in the source ({@code List<String>})
 * @param value its live value
 */
public record Variable(String name, String type, Object value) { }
