package jdlab.magics.basic;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code %%capture} cell printed: a read-only map with the keys {@code stdout} and
 * {@code stderr}, shown as the two texts one after the other.
 *
 * <p>A map, because cells compile against the JDK only and so can hold this object only as a JDK type.
 */
public final class CapturedOutput extends AbstractMap<String, String> {

    private final String stdout;
    private final String stderr;

    public CapturedOutput(String stdout, String stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What was printed to {@code System.out}. */
    public String stdout() {
        return stdout;
    }

    /** What was printed to {@code System.err}. */
    public String stderr() {
        return stderr;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return Set.of(Map.entry("stdout", stdout), Map.entry("stderr", stderr));
    }

    /** The captured text, stdout then stderr, as the cell would have shown it without {@code %%capture}. */
    @Override
    public String toString() {
        return stdout + stderr;
    }
}
