package jdlab.display.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jdlab.api.MimeBundle;
import org.junit.jupiter.api.Test;

class RenderedImageRendererTest {

    @Test
    void drawsAnImageAsAPngOfTheSamePixelsWithItsSize() throws IOException {
        BufferedImage image = new BufferedImage(7, 4, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(6, 3, Color.MAGENTA.getRGB());
        MimeBundle bundle = new MimeBundle();
        new RenderedImageRenderer().render(image, bundle);

        byte[] png = Base64.getDecoder().decode((String) bundle.data().get("image/png"));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Color.MAGENTA.getRGB(), back.getRGB(6, 3));
        assertEquals(0, back.getRGB(0, 0));
        assertEquals(Map.of("width", 7, "height", 4), bundle.metadata().get("image/png"));
        assertEquals("PNG image, 7 × 4", bundle.data().get("text/plain"));
    }

    @Test
    void encodesNothingWhenPngIsNotWanted() {
        MimeBundle bundle = new MimeBundle(List.of("text/html"));
        new RenderedImageRenderer().render(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), bundle);
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
    }
}
