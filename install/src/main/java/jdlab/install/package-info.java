/**
 * The composition root: the {@code jdlab} command that runs the kernel and registers it with Jupyter.
 *
 * <p>Only this module sees every other one; the kernel finds plugins on its class path by itself.
 */
package jdlab.install;
