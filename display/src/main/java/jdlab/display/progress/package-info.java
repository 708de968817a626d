/**
 * Progress bars: {@link jdlab.display.progress.ProgressRenderer} draws a
 * {@link jdlab.api.ProgressSnapshot} as an HTML bar; its plain text is the snapshot's own line, for
 * text-only clients.
 */
package jdlab.display.progress;
