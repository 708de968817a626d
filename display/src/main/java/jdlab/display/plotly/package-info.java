/**
 * Plotly charts: Tablesaw's {@code Figure}s, figure-shaped {@link java.util.Map}s and the kernel's
 * {@link jdlab.api.LiveChart}s drawn as {@code application/vnd.plotly.v1+json} objects by our own
 * serializer, plus a {@code text/html} fallback that draws with the plotly.js shipped in this jar,
 * so charts show with no network, in the notebook and in its HTML export.
 *
 * <p>plotly.js (4.5 MB) travels once per notebook page, not once per chart: see {@link PlotlyHtml}.
 */
package jdlab.display.plotly;
