package jdlab.display.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jdlab.api.ArrayImage;
import jdlab.api.ImageGrid;
import jdlab.api.MimeBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NDArrayRenderersTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static MimeBundle render(jdlab.display.Renderer<Object> renderer, Object value) {
        MimeBundle bundle = new MimeBundle();
        renderer.render(value, bundle);
        return bundle;
    }

    @SuppressWarnings("unchecked")
    private static <T> jdlab.display.Renderer<Object> of(jdlab.display.Renderer<T> renderer) {
        return (jdlab.display.Renderer<Object>) renderer;
    }

    private static BufferedImage png(MimeBundle bundle) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) bundle.data().get("image/png"))));
    }

    @Test
    void aSmallMatrixShowsItsShapeTypeAndDeviceAndAnHtmlTable() {
        MimeBundle bundle = render(of(new NDArrayRenderer()), manager.arange(6f).reshape(2, 3));
        String text = (String) bundle.data().get("text/plain");
        assertTrue(text.startsWith("ND: (2, 3) cpu() float32"), text);
        assertTrue(text.contains(" [3., 4., 5.],"), text);
        String html = (String) bundle.data().get("text/html");
        assertTrue(html.contains("<caption>ND: (2, 3) cpu() float32</caption>"), html);
        assertEquals(6, html.split("<td").length - 1);
    }

    @Test
    void aLargeArrayIsCutAndHasNoTable() {
        MimeBundle bundle = render(of(new NDArrayRenderer()), manager.arange(1_000_000f).reshape(1000, 1000));
        String text = (String) bundle.data().get("text/plain");
        assertTrue(text.length() < 3_000, text.length() + " characters");
        assertTrue(text.contains("..."), text);
        assertFalse(bundle.has("text/html"));
    }

    @Test
    void aGrayFloatImageInZeroToOneBecomesPixelsScaledBy255() throws IOException {
        NDArray gray = manager.create(new float[] {0f, 0.5f, 1f, 1f, 0.5f, 0f}, new Shape(2, 3));
        BufferedImage image = png(render(of(new ArrayImageRenderer()), new ArrayImage(gray)));
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(0xff000000, image.getRGB(0, 0));
        assertEquals(0xff808080, image.getRGB(1, 0));
        assertEquals(0xffffffff, image.getRGB(2, 0));
    }

    @Test
    void channelsFirstAndChannelsLastGiveTheSameColours() throws IOException {
        NDArray hwc = manager.create(new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0}, new Shape(1, 2, 3)).toType(DataType.UINT8, false);
        NDArray chw = hwc.transpose(2, 0, 1);
        BufferedImage last = png(render(of(new ArrayImageRenderer()), new ArrayImage(hwc)));
        BufferedImage first = png(render(of(new ArrayImageRenderer()), new ArrayImage(chw)));
        assertEquals(0xffff0000, last.getRGB(0, 0));
        assertEquals(0xff00ff00, last.getRGB(1, 0));
        assertEquals(last.getRGB(0, 0), first.getRGB(0, 0));
        assertEquals(last.getRGB(1, 0), first.getRGB(1, 0));
    }

    @Test
    void anArrayOfAnotherShapeSaysWhichShapesAreImages() {
        MimeBundle bundle = render(of(new ArrayImageRenderer()), new ArrayImage(manager.zeros(new Shape(2, 5, 7))));
        assertFalse(bundle.has("image/png"));
        assertEquals("an image of shape (2, 5, 7); images are " + ArrayPixels.SHAPES, bundle.data().get("text/plain"));
    }

    @Test
    void aGridLaysOutABatchInRowsOfTenWithLabels() throws IOException {
        NDArray batch = manager.randomUniform(0, 1, new Shape(12, 28, 28));
        List<String> labels = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        MimeBundle bundle = render(of(new ImageGridRenderer()), new ImageGrid(batch, labels));
        BufferedImage sheet = png(bundle);
        // 28-pixel digits are drawn twice as big (56), ten to a row, with a 16-pixel label band.
        assertEquals(10 * (56 + 4) + 4, sheet.getWidth());
        assertEquals(2 * (56 + 16 + 4) + 4, sheet.getHeight());
        assertEquals(Map.of("width", sheet.getWidth(), "height", sheet.getHeight()), bundle.metadata().get("image/png"));
    }

    @Test
    void aGridWithTheWrongNumberOfLabelsSaysSo() {
        MimeBundle bundle = render(of(new ImageGridRenderer()), new ImageGrid(manager.zeros(new Shape(3, 4, 4)), List.of("a")));
        assertEquals("1 labels for 3 images; give one label an image, or none", bundle.data().get("text/plain"));
    }
}
