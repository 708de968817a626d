/**
 * Tablesaw tables, slices and columns as HTML and aligned plain text: the first and last rows and
 * columns within the session's or the display's {@link jdlab.api.TableLimits}, every text escaped,
 * floating point to six significant digits, and a footer with the table's shape.
 *
 * <p>Only the cells shown are read, so a table of millions of rows shows as fast as a small one.
 */
package jdlab.display.table;
