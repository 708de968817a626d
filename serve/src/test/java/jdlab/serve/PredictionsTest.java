package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsTest {

    @Test
    void aClassifierAnswersTheLabelAndTheSoftmaxOfItsScores() {
        String json = Predictions.of(new float[][] {{0, (float) Math.log(3)}}, List.of("cat", "dog")).toString();
        assertEquals("[{\"label\":\"dog\",\"probability\":0.75,\"probabilities\":[0.25,0.75]}]", json);
    }

    @Test
    void outputsThatAreProbabilitiesAlreadyStayAsTheyAre() {
        String json = Predictions.of(new float[][] {{0.9f, 0.1f}}, List.of("yes", "no")).toString();
        assertEquals("[{\"label\":\"yes\",\"probability\":0.9,\"probabilities\":[0.9,0.1]}]", json);
    }

    @Test
    void aRegressorAnswersItsValueOrItsValues() {
        assertEquals("[1.5,[1.0,2.0]]", Predictions.of(new float[][] {{1.5f}, {1, 2}}, List.of()).toString());
    }
}
