package jdlab.train;

import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a worker's run sends back: the trained weights, as DJL saves them, and how the run went. */
record Trained(byte[] parameters, List<Map<String, Double>> history, String status, boolean interrupted, int bestEpoch)
        implements Serializable {

    static Trained of(TrainingResult result) {
        Block block = result.model().getBlock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Double>> rows = new ArrayList<>();
        result.history().rows().forEach(row -> rows.add(new LinkedHashMap<>(row)));
        return new Trained(bytes.toByteArray(), rows, result.status(), result.interrupted(), result.bestEpoch());
    }
}
