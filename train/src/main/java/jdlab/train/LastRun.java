package jdlab.train;

import jdlab.train.data.Examples;

/**
 * A block's last training run: the examples it learned from, those it was validated on (null
 * without validation) and its per-epoch history. An export checks against the validation
 * examples and records the class names and the last metrics.
 */
public record LastRun(Examples data, Examples validation, History history) {
}
