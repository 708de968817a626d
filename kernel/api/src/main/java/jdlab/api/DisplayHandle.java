package jdlab.api;

/** One output in a notebook that can be replaced in place (Jupyter's {@code display_id}). */
public interface DisplayHandle {

    /** The display id shared by the original output and its updates. */
    String id();

    /** Replaces the displayed value with this one, wherever the original output is shown. */
    void update(Object value);
}
