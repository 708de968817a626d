package jdlab.display.ndarray;

import ai.djl.ndarray.NDArray;
import jdlab.api.ArrayImage;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import jdlab.display.image.RenderedImageRenderer;

/** {@code image(array)}: an {@code NDArray}'s pixels as PNG; an array of another shape gets a line saying why not. */
public final class ArrayImageRenderer implements Renderer<ArrayImage> {

    @Override
    public String type() {
        return "jdlab.api.ArrayImage";
    }

    @Override
    public void render(ArrayImage request, MimeBundle bundle) {
        if (!(request.array() instanceof NDArray array)) {
            bundle.put("text/plain", "a " + request.array().getClass().getName() + "; image(...) takes a DJL NDArray,"
                    + " a BufferedImage, the bytes or the file of a PNG, JPEG, GIF or SVG");
            return;
        }
        try {
            new RenderedImageRenderer().render(ArrayPixels.image(array), bundle);
        } catch (IllegalArgumentException e) {
            bundle.put("text/plain", e.getMessage());
        }
    }
}
