package jdlab.display.ndarray;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import jdlab.api.ImageGrid;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import jdlab.display.image.RenderedImageRenderer;

/**
 * {@code imageGrid(batch, labels)}: the images of a batch in rows of up to ten, small ones scaled up
 * to at least 56 pixels without smoothing (so digits stay crisp), each with its label underneath.
 */
public final class ImageGridRenderer implements Renderer<ImageGrid> {

    private static final int PER_ROW = 10;
    private static final int MIN_SIDE = 56;
    private static final int GAP = 4;
    private static final int LABEL = 16;

    @Override
    public String type() {
        return "jdlab.api.ImageGrid";
    }

    @Override
    public void render(ImageGrid grid, MimeBundle bundle) {
        if (!(grid.batch() instanceof NDArray batch)) {
            bundle.put("text/plain", "a " + grid.batch().getClass().getName() + "; imageGrid(...) takes a DJL NDArray");
            return;
        }
        BufferedImage[] images;
        try {
            images = ArrayPixels.images(batch);
        } catch (IllegalArgumentException e) {
            bundle.put("text/plain", e.getMessage());
            return;
        }
        if (!grid.labels().isEmpty() && grid.labels().size() != images.length) {
            bundle.put("text/plain", grid.labels().size() + " labels for " + images.length + " images; give one label an image, or none");
            return;
        }
        new RenderedImageRenderer().render(draw(images, grid.labels()), bundle);
    }

    private static BufferedImage draw(BufferedImage[] images, List<String> labels) {
        int zoom = Math.max(1, (MIN_SIDE + images[0].getHeight() - 1) / images[0].getHeight());
        int cellWidth = images[0].getWidth() * zoom;
        int cellHeight = images[0].getHeight() * zoom + (labels.isEmpty() ? 0 : LABEL);
        int columns = Math.min(PER_ROW, images.length);
        int rows = (images.length + PER_ROW - 1) / PER_ROW;
        BufferedImage sheet = new BufferedImage(columns * (cellWidth + GAP) + GAP, rows * (cellHeight + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < images.length; i++) {
            int x = GAP + (i % PER_ROW) * (cellWidth + GAP);
            int y = GAP + (i / PER_ROW) * (cellHeight + GAP);
            g.drawImage(images[i], x, y, cellWidth, images[i].getHeight() * zoom, null);
            if (!labels.isEmpty()) {
                g.setColor(Color.DARK_GRAY);
                String label = labels.get(i);
                int width = g.getFontMetrics().stringWidth(label);
                g.drawString(label, x + (cellWidth - width) / 2, y + cellHeight - 3);
            }
        }
        g.dispose();
        return sheet;
    }
}
