/**
 * {@code %%sh} and {@code %%bash} cells and {@code !command} lines: a shell runs them, its output
 * streamed, stopped on interrupt.
 */
package jdlab.magics.shell;
