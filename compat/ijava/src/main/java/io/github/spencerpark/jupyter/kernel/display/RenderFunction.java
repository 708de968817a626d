package io.github.spencerpark.jupyter.kernel.display;

/** Draws a value into the representations its context asks for: IJava's renderer callback. */
@FunctionalInterface
public interface RenderFunction<T> {

    void render(T value, RenderContext context);
}
