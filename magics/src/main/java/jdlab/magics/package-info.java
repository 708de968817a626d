/**
 * Magics: {@code %name args} lines among Java code and {@code %%name args} cells.
 *
 * <p>A magic is one class implementing {@link jdlab.magics.Magic} plus one line in
 * {@code META-INF/services/jdlab.magics.Magic}. Its {@link jdlab.magics.ArgSpec}, declared once,
 * names it (every name, as a line magic, a cell magic or both), parses its line (with picocli), reads
 * the session variables its words name, answers {@code %name --help} and feeds {@code %lsmagic}.
 * {@link jdlab.magics.MagicRegistry} is the kernel's {@link jdlab.api.CellHandler} for them.
 */
package jdlab.magics;
