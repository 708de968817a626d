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
import java.util.List;
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
        List<Examples> parts = TrainingTest.digitsSplit();
        train = parts.get(0);
        test = parts.get(1);
    }

    @Test
    void rankZerosWeightsComeBackIntoAModelBuiltHere() throws Exception {
        WorkerTraining job = Training.of((ModelBuilder) TrainingTest::mlp).data(train).validate(test).epochs(2)
                .batch(32).optimizer("sgd").lr(0.1).seed(3).onWorkers();
        ByteArrayOutputStream[] printed = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        List<Object> returned = DataParallelTest.onRanks(2, (collective, rank) -> {
            WorkerTraining shipped = copied(job);
            try (PrintStream out = new PrintStream(printed[rank], true, StandardCharsets.UTF_8)) {
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
        for (int rank = 0; rank < 2; rank++) {
            List<String> said = printed[rank].toString(StandardCharsets.UTF_8).lines().filter(l -> !l.contains(ProgressLines.MARK)).toList();
            assertEquals(1, said.size(), "rank " + rank + ": " + said);
            assertTrue(said.get(0).startsWith("trained 2 epochs in "), said.get(0));
        }
        assertTrue(printed[0].toString(StandardCharsets.UTF_8).contains(ProgressLines.MARK + "end "), "rank 0 sends its progress");
        assertTrue(!printed[1].toString(StandardCharsets.UTF_8).contains(ProgressLines.MARK), "the others do not");
    }

    @Test
    void rankZerosLiveViewTravelsAsAFewMarkedLinesThatTheReaderTakesAndPassesNothingElse() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingResult run;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            run = Training.of(TrainingTest.mlp()).data(train).validate(test).epochs(2).batch(8).seed(1).progressTo(out).fit();
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        int batches = (train.size() + 7) / 8; // 180 a epoch: a line every 3 batches
        assertTrue(lines.size() <= 2 * (batches / 3 + 2) + 2, lines.size() + " lines");
        assertTrue(lines.get(lines.size() - 1).endsWith(" " + run.status()), lines.get(lines.size() - 1));
        List<String> passed = new java.util.ArrayList<>();
        java.util.function.Consumer<String> reader = ProgressLines.reader(passed::add);
        lines.forEach(line -> reader.accept("[rank 0] " + line));
        reader.accept("[rank 1] hello");
        assertEquals(List.of("[rank 1] hello"), passed, "the view's lines are read, the rest passed on");
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
