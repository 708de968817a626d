package jdlab.magics.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RefusedArtifactsTest {

    private static final Map<String, String> SHIPPED = Map.of(RefusedArtifacts.PYTORCH_ENGINE, "0.35.1",
            "ai.djl.pytorch:pytorch-native-cpu", "2.7.1", "ai.djl:api", "0.35.1");

    private static final String MXNET = "ai.djl.mxnet:* not added: the kernel ships DJL's PyTorch engine"
            + " (ai.djl.pytorch:pytorch-engine:0.35.1) and keeps it as the default; MXNet's native library would be"
            + " downloaded on first use";

    static Stream<Arguments> artifacts() {
        return Stream.of(
                Arguments.of("ai.djl.mxnet:mxnet-engine:0.20.0", MXNET),
                Arguments.of("ai.djl.mxnet:mxnet-native-auto:1.8.0", MXNET),
                Arguments.of("ai.djl.tensorflow:tensorflow-engine:0.20.0", "ai.djl.tensorflow:* not added: the kernel"
                        + " ships DJL's PyTorch engine (ai.djl.pytorch:pytorch-engine:0.35.1) and keeps it as the"
                        + " default; TensorFlow's native library would be downloaded on first use"),
                Arguments.of("ai.djl.pytorch:pytorch-native-auto:1.9.1", "ai.djl.pytorch:pytorch-native-auto:1.9.1"
                        + " not added: the kernel ships PyTorch's native library for this machine, matching its"
                        + " engine 0.35.1"),
                Arguments.of("org.slf4j:slf4j-simple:1.7.32", "org.slf4j:slf4j-simple:1.7.32 not added: a binding"
                        + " for SLF4J 1, which the kernel's SLF4J 2 ignores; the libraries it lends log to the kernel's log"),
                Arguments.of("org.slf4j:slf4j-simple:2.0.16", null),
                Arguments.of("ai.djl.onnxruntime:onnxruntime-engine:0.35.1", null),
                Arguments.of("ai.djl.pytorch:pytorch-model-zoo:0.35.1", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void anotherEngineOrAnSlf4j1BindingIsRefusedInOneLine(String coordinate, String reason) {
        assertEquals(Optional.ofNullable(reason), RefusedArtifacts.reason(new DefaultArtifact(coordinate), SHIPPED));
    }

    @Test
    void anotherEngineIsAddedWhenTheKernelShipsNone() {
        assertEquals(Optional.empty(),
                RefusedArtifacts.reason(new DefaultArtifact("ai.djl.mxnet:mxnet-engine:0.20.0"), Map.of()));
    }
}
