package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/** The part of IJava's kernel that notebooks call: its renderer registry. */
public final class JavaKernel {

    private final Renderer renderer = new Renderer();

    JavaKernel() {
    }

    /** Where notebooks register renderers for their own types. */
    public Renderer getRenderer() {
        return renderer;
    }
}
