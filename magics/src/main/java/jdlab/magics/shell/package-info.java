/** Cell magics that run their body in a shell, streaming its output and stopping it on interrupt. */
package jdlab.magics.shell;
