package jdlab.export;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jdlab.train.LastRun;
import jdlab.train.Training;

/** What an export knows of a trained block: where its weights live, and what its last %train recorded. */
final class Trained {

    private Trained() {
    }

    /** Refuses a block with no weights: an export of one would hold nothing worth loading. */
    static void requireWeights(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the model has no weights yet: train it first");
        }
    }

    /** "labels" (the class names, comma-separated) and "metrics" (the last epoch's, name=value) when trained here. */
    static Map<String, String> metadata(Block block) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Training.lastRun(block).ifPresent(run -> {
            if (!run.data().classNames().isEmpty()) {
                metadata.put("labels", String.join(",", run.data().classNames()));
            }
            if (run.history().size() > 0) {
                metadata.put("metrics", run.history().epoch(run.history().size()).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
            }
        });
        return metadata;
    }

    /** The validation data of the block's last %train, or null. */
    static Object validation(Block block) {
        return Training.lastRun(block).map(LastRun::validation).orElse(null);
    }

    static Device device(Block block) {
        return block.getParameters().isEmpty() ? Device.cpu() : block.getParameters().valueAt(0).getArray().getDevice();
    }

    /** The manager that holds the block's weights: what is loaded back into it belongs there too. */
    static NDManager weightsManager(Block block) {
        return block.getParameters().valueAt(0).getArray().getManager();
    }
}
