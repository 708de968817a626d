package jdlab.display.image;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;

/** A {@link RenderedImage} as a base64 PNG, with its size in the metadata so the notebook lays it out before it loads. */
public final class RenderedImageRenderer implements Renderer<RenderedImage> {

    @Override
    public String type() {
        return "java.awt.image.RenderedImage";
    }

    @Override
    public void render(RenderedImage image, MimeBundle bundle) {
        if (bundle.wants("image/png")) {
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("width", image.getWidth());
            size.put("height", image.getHeight());
            bundle.put("image/png", Base64.getEncoder().encodeToString(png(image))).putMetadata("image/png", size);
        }
        bundle.put("text/plain", "PNG image, " + image.getWidth() + " × " + image.getHeight());
    }

    private static byte[] png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("no PNG writer takes this image's color model: "
                        + image.getColorModel() + "; draw it into a BufferedImage of TYPE_INT_ARGB first");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
