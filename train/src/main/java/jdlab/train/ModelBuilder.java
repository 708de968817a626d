package jdlab.train;

import java.io.Serializable;

/**
 * Code that builds a model: a DJL {@code Block} or {@code Model}, new at each call. A block cannot
 * be copied to another JVM, so training on several workers ({@link Training#onWorkers()}) ships
 * this instead, and each worker builds its own replica from it.
 */
@FunctionalInterface
public interface ModelBuilder extends Serializable {

    /** A new, untrained model: a DJL {@code Block} or {@code Model}. */
    Object build();
}
