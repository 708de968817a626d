package jdlab.api;

import java.util.List;

/**
 * A batch of images side by side, each with its label, made by {@link Display#imageGrid}: a DJL
 * {@code NDArray} of shape (N, H, W), (N, H, W, C) or (N, C, H, W), for looking at a dataset.
 *
 * @param batch the images
 * @param labels one per image, or none
 */
public record ImageGrid(Object batch, List<String> labels) {

    public ImageGrid {
        labels = List.copyOf(labels);
    }
}
