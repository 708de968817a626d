/**
 * The kernel: Jupyter requests in, JShell evaluation, IOPub output out.
 *
 * <p>{@link jdlab.kernel.Kernel} holds one dispatch map from message type to handler; shell requests
 * run one at a time on the shell thread that owns JShell, control requests on a thread of their
 * own so that an interrupt reaches a busy cell.
 */
package jdlab.kernel;
