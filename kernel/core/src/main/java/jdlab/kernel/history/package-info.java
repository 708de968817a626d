/** The input history of every session, kept on disk so that it outlives kernel restarts. */
package jdlab.kernel.history;
