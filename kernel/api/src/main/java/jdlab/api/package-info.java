/**
 * The small, stable API between the kernel and its plugins.
 *
 * <p>Magics ({@link jdlab.api.CellHandler}) and renderers ({@link jdlab.api.ValueFormatter}) are
 * found with {@link java.util.ServiceLoader} and see the kernel only through
 * {@link jdlab.api.KernelContext}; the kernel never depends on them.
 */
package jdlab.api;
