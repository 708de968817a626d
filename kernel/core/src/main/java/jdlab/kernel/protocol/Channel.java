package jdlab.kernel.protocol;

/** The kernel's sockets, as the Jupyter messaging spec names them. */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB
}
