/** {@code %serve} and {@code %loadtest}: a trained model behind HTTP from a cell, watched and loaded from another. */
package jdlab.magics.serve;
