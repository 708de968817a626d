package jdlab.magics.maven;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.aether.artifact.Artifact;

/**
 * Artifacts that {@code %maven} does not add though they exist: another DJL engine or native library
 * beside the PyTorch engine the kernel ships, and logging bindings for SLF4J 1, which the kernel's
 * SLF4J 2 ignores with a six-line warning. Notebooks written for IJava ask for both.
 */
final class RefusedArtifacts {

    static final String PYTORCH_ENGINE = "ai.djl.pytorch:pytorch-engine";

    // Engines whose native library DJL downloads on first use, which an offline kernel cannot do, and
    // which would compete with the kernel's engine for the default.
    private static final Map<String, String> OTHER_ENGINES = Map.of(
            "ai.djl.mxnet", "MXNet",
            "ai.djl.tensorflow", "TensorFlow",
            "ai.djl.paddlepaddle", "PaddlePaddle",
            "ai.djl.tflite", "TensorFlow Lite");

    private static final Set<String> SLF4J_BINDINGS = Set.of(
            "slf4j-simple", "slf4j-nop", "slf4j-jdk14", "slf4j-log4j12", "slf4j-reload4j", "slf4j-jcl");

    private RefusedArtifacts() {
    }

    /**
     * Why the artifact is not added, in one line, or empty when it may be. The line about an engine names
     * its group, not the artifact, so a cell asking for an engine's several artifacts reads it once.
     */
    static Optional<String> reason(Artifact artifact, Map<String, String> shipped) {
        String group = artifact.getGroupId();
        String name = artifact.getArtifactId();
        String pytorch = shipped.get(PYTORCH_ENGINE);
        if (pytorch != null && OTHER_ENGINES.containsKey(group)) {
            String engine = OTHER_ENGINES.get(group);
            return Optional.of(group + ":* not added: the kernel ships DJL's PyTorch engine (" + PYTORCH_ENGINE
                    + ":" + pytorch + ") and keeps it as the default; " + engine + "'s native library would be"
                    + " downloaded on first use");
        }
        if (pytorch != null && group.equals("ai.djl.pytorch") && name.startsWith("pytorch-native")
                && !shipped.containsKey(group + ":" + name)) {
            return Optional.of(group + ":" + name + ":" + artifact.getVersion() + " not added: the kernel ships"
                    + " PyTorch's native library for this machine, matching its engine " + pytorch);
        }
        if (group.equals("org.slf4j") && SLF4J_BINDINGS.contains(name) && artifact.getVersion().startsWith("1.")) {
            return Optional.of(group + ":" + name + ":" + artifact.getVersion() + " not added: a binding for"
                    + " SLF4J 1, which the kernel's SLF4J 2 ignores; the libraries it lends log to the kernel's log");
        }
        return Optional.empty();
    }
}
