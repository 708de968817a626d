/**
 * Images drawn in memory ({@link java.awt.image.RenderedImage}, such as a {@code BufferedImage}) as
 * base64 PNG with their width and height; encoded files and bytes go through {@code Display.image}.
 */
package jdlab.display.image;
