package jdlab.display.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;

/** Pixels of an {@code NDArray}: which axis holds the channels, and how values become 0–255. */
final class ArrayPixels {

    static final String SHAPES = "(H, W), (H, W, C) or (C, H, W) with 1, 3 or 4 channels";

    private ArrayPixels() {
    }

    /** One image of shape (H, W), (H, W, C) or (C, H, W). */
    static BufferedImage image(NDArray array) {
        Shape shape = array.getShape();
        float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
        return image(values, 0, shape, Scale.of(array.getDataType(), values));
    }

    /** The number of images in a batch of shape (N, H, W), (N, H, W, C) or (N, C, H, W). */
    static int count(Shape batch) {
        return (int) batch.get(0);
    }

    /** The images of a batch, with one scale for all, so that they compare. */
    static BufferedImage[] images(NDArray batch) {
        Shape shape = batch.getShape();
        if (shape.dimension() < 3 || shape.dimension() > 4) {
            throw new IllegalArgumentException("a batch of shape " + shape + "; imageGrid(...) takes (N, H, W),"
                    + " (N, H, W, C) or (N, C, H, W)");
        }
        Shape one = shape.slice(1);
        float[] values = batch.toType(DataType.FLOAT32, false).toFloatArray();
        Scale scale = Scale.of(batch.getDataType(), values);
        BufferedImage[] images = new BufferedImage[count(shape)];
        for (int i = 0; i < images.length; i++) {
            images[i] = image(values, (int) (i * one.size()), one, scale);
        }
        return images;
    }

    private static BufferedImage image(float[] values, int offset, Shape shape, Scale scale) {
        int height;
        int width;
        int channels;
        boolean channelsFirst;
        if (shape.dimension() == 2) {
            height = (int) shape.get(0);
            width = (int) shape.get(1);
            channels = 1;
            channelsFirst = false;
        } else if (shape.dimension() == 3 && isChannels(shape.get(2))) {
            height = (int) shape.get(0);
            width = (int) shape.get(1);
            channels = (int) shape.get(2);
            channelsFirst = false;
        } else if (shape.dimension() == 3 && isChannels(shape.get(0))) {
            channels = (int) shape.get(0);
            height = (int) shape.get(1);
            width = (int) shape.get(2);
            channelsFirst = true;
        } else {
            throw new IllegalArgumentException("an image of shape " + shape + "; images are " + SHAPES);
        }
        BufferedImage image = new BufferedImage(width, height, channels == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = new int[4];
                c[3] = 255;
                for (int k = 0; k < channels; k++) {
                    int at = channelsFirst ? (k * height + y) * width + x : (y * width + x) * channels + k;
                    c[k] = scale.apply(values[offset + at]);
                }
                if (channels == 1) {
                    c[1] = c[0];
                    c[2] = c[0];
                }
                image.setRGB(x, y, c[3] << 24 | c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        return image;
    }

    private static boolean isChannels(long size) {
        return size == 1 || size == 3 || size == 4;
    }

    /** How values become 0–255: bytes as they are, [0, 1] times 255, anything else stretched. */
    private record Scale(float min, float max) {

        static Scale of(DataType type, float[] values) {
            if (type == DataType.UINT8 || type == DataType.INT8) {
                return new Scale(0, 255);
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return min >= 0 && max <= 1 ? new Scale(0, 1) : new Scale(min, max);
        }

        int apply(float value) {
            float unit = max > min ? (value - min) / (max - min) : 0;
            return Math.round(Math.max(0, Math.min(1, unit)) * 255);
        }
    }
}
