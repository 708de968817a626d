/** IPython's {@code name?}: a cell that asks what a name is gets its signatures and javadoc. */
package jdlab.magics.inspect;
