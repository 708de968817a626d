/**
 * Cells evaluated by JShell in the kernel's own JVM, so that renderers get live objects.
 *
 * <p>{@link jdlab.kernel.eval.JShellEvaluator} owns the shell on one thread; only
 * {@link jdlab.kernel.eval.JShellEvaluator#interrupt()} may be called from another.
 */
package jdlab.kernel.eval;
