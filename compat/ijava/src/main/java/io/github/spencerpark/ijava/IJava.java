package io.github.spencerpark.ijava;

/**
 * IJava's entry point for cells, {@code IJava.getKernelInstance()}, answered by jdlab so that
 * notebooks written for IJava run unchanged.
 */
public final class IJava {

    private static final JavaKernel KERNEL = new JavaKernel();

    private IJava() {
    }

    /** The running kernel, as much of it as IJava notebooks use. */
    public static JavaKernel getKernelInstance() {
        return KERNEL;
    }
}
