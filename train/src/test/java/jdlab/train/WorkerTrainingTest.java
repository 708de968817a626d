package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jdlab.train.data.Digits;
import jdlab.train.data.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run shipped to workers as a launch ships it (Java serialization, a copy per rank), trained on
 * 2 ranks over a real collective, and rank 0's weights adopted by a model built on this side.
 */
class WorkerTrainingTest {

    private static Examples train;
    private static Examples test;

    @BeforeAll
    static void digits() throws IOException {
        List<Examples> parts = Digits.load(Path.of("..", "notebooks", "data", "digits", "digits.csv.gz")).split(0.8, 7);
        train = parts.get(0);
        test = parts.get(1);
    }

    @Test
    void rankZerosWeightsComeBackIntoAModelBuiltHere() throws Exception {
        WorkerTraining job = Training.of((ModelBuilder) TrainingTest::mlp).data(train).validate(test).epochs(2)
                .batch(32).optimizer("sgd").lr(0.1).seed(3).onWorkers();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Object> returned = DataParallelTest.onRanks(2, (collective, rank) -> {
            WorkerTraining shipped = copied(job);
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                return copied(shipped.apply(collective, out)); // a result travels back the same way
            }
        });
        assertNull(returned.get(1), "only rank 0 sends its weights");

        TrainingResult adopted = job.adopt(returned.get(0));
        assertEquals(2, adopted.history().size());
        double recorded = adopted.history().last("val_accuracy");
        assertTrue(recorded > 0.7, "2 epochs of digits score far above chance (0.1), not " + recorded);
        assertEquals(recorded, Evaluation.of(adopted.model(), test).accuracy(), 1e-6,
                "the model built here scores what rank 0's replica scored");
        assertEquals(test, Training.lastRun(adopted.model()).orElseThrow().validation(),
                "exports and %evaluate know the model as trained in this session");
        assertEquals(2, printed.toString(StandardCharsets.UTF_8).lines().count(), "one line per rank: " + printed);
    }

    @Test
    void aModelItselfCannotBeShipped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Training.of(TrainingTest.mlp()).data(train).onWorkers());
        assertTrue(e.getMessage().startsWith("training on workers needs code that builds the model"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T> T copied(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
