/**
 * DJL's {@code NDArray}: as text with its shape, type and device, as an HTML table when small, and as
 * images ({@code image(array)}, {@code imageGrid(batch, labels)}) for looking at a dataset.
 */
package jdlab.display.ndarray;
