package jdlab.api;

/**
 * An array of pixels to show as an image, made by {@link Display#image(Object)}: a DJL {@code NDArray}
 * of shape (H, W), (H, W, C) or (C, H, W), with 1, 3 or 4 channels. The kernel's renderers draw it;
 * this API knows no array library.
 *
 * @param array the pixels; {@code uint8} as they are, floats in [0, 1] scaled by 255, others stretched
 *     from their minimum to their maximum
 */
public record ArrayImage(Object array) { }
