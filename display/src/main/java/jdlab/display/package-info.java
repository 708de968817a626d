/**
 * Renderers: each draws one type of value as MIME representations and is one class plus one line in
 * {@code META-INF/services/jdlab.display.Renderer}; {@link jdlab.display.RendererRegistry} picks
 * the one for a value's nearest type and is the kernel's {@link jdlab.api.ValueFormatter}.
 */
package jdlab.display;
