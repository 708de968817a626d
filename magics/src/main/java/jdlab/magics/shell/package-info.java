/**
 * {@code %%sh} and {@code %%bash} cells, {@code !command} lines and IJava's {@code %system command}: a
 * shell runs them, its output streamed, stopped on interrupt.
 */
package jdlab.magics.shell;
