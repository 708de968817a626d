/** {@code %train} and {@code %evaluate}: thin layers over {@link jdlab.train.Training} and {@link jdlab.train.Evaluation}. */
package jdlab.magics.train;
