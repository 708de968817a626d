package jdlab.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagesTest {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"><rect width=\"4\" height=\"3\"/></svg>";

    /** A real 5 × 3 image in this ImageIO format. */
    private static byte[] encoded(String format) throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"png, image/png, PNG image", "jpeg, image/jpeg, JPEG image", "gif, image/gif, GIF image"})
    void rasterBytesAreToldByTheirFirstBytesAndKeepTheirSize(String format, String mimeType, String name) throws IOException {
        byte[] bytes = encoded(format);
        MimeBundle bundle = Display.image(bytes);
        assertEquals(List.of(mimeType, "text/plain"), List.copyOf(bundle.data().keySet()));
        assertArrayEquals(bytes, Base64.getDecoder().decode((String) bundle.data().get(mimeType)));
        assertEquals(Map.of("width", 5, "height", 3), bundle.metadata().get(mimeType));
        assertEquals(name + ", 5 × 3", bundle.data().get("text/plain"));
    }

    @Test
    void svgIsToldByItsTextAndStaysText() {
        String svg = "\uFEFF<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n" + SVG;
        MimeBundle bundle = Display.image(svg.getBytes(StandardCharsets.UTF_8));
        assertEquals(svg, bundle.data().get("image/svg+xml"));
        assertEquals("SVG image", bundle.data().get("text/plain"));
    }

    @Test
    void aFileIsToldByItsContentNotItsName(@TempDir Path dir) throws IOException {
        Path misnamed = Files.write(dir.resolve("picture.svg"), encoded("png"));
        assertTrue(Display.image(misnamed).has("image/png"));
        assertTrue(Display.image(Files.writeString(dir.resolve("plot"), SVG).toFile()).has("image/svg+xml"));
    }

    @Test
    void unknownBytesAreRefusedWithWhatTheyStartWith() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Display.image(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8}));
        assertEquals("image(...) takes PNG, JPEG, GIF or SVG, none of them found in the bytes given (9 bytes, starting 50 4b 03 04 14 00 00 00)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Display.image("<html><svg></svg></html>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Display.image(new byte[0]));
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Display.image(dir.resolve("none.png")));
        assertEquals("image(...): no file " + dir.resolve("none.png").toAbsolutePath(), e.getMessage());
    }

    @Test
    void htmlAndMarkdownAreBundlesOfTheirType() {
        assertEquals(Map.of("text/html", "<b>done</b>", "text/plain", "<b>done</b>"), Display.html("<b>done</b>").data());
        assertEquals(Map.of("text/markdown", "**done**", "text/plain", "**done**"), Display.markdown("**done**").data());
    }
}
