package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InstancesTest {

    private static final long[] SHAPE = {2, 2};

    @Test
    void rowsAreReadFlatOrNestedAsTheExampleShape() {
        float[][] rows = Instances.parse("{\"instances\": [[1, 2, 3, 4], [[5, 6], [7, 8.5]]]}", SHAPE, 4);
        assertArrayEquals(new float[] {1, 2, 3, 4}, rows[0]);
        assertArrayEquals(new float[] {5, 6, 7, 8.5f}, rows[1]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all                     | the body is not JSON (at line 1 column 1)",
        "{\"instances\": [[1, 2, 3, 4]]} xyz | the body is not JSON (at line 1 column 32)",
        "[[1, 2, 3, 4]]                      | the body must be a JSON object {\"instances\": [[...], ...]}",
        "{\"rows\": [[1, 2, 3, 4]]}          | the body must be a JSON object {\"instances\": [[...], ...]}",
        "{\"instances\": 5}                  | \"instances\" must be a list of rows: {\"instances\": [[...], ...]}",
        "{\"instances\": []}                 | \"instances\" is empty: send at least one row",
        "{\"instances\": [1, 2, 3, 4]}       | instances[0] is not a list of numbers: {\"instances\": [[...], ...]}",
        "{\"instances\": [[1, 2, 3, 4], [1, 2, 3]]} | instances[1] has 3 numbers; the model takes 4 a row (shape [2, 2])",
        "{\"instances\": [[1, 2, 3, 4, 5]]}  | instances[0] has 5 numbers; the model takes 4 a row (shape [2, 2])",
        "{\"instances\": [[1, \"a\", 3, 4]]} | instances[0] holds \"a\", not a number",
        "{\"instances\": [[1, null, 3, 4]]}  | instances[0] holds null, not a number",
    })
    void aRequestThatDoesNotFitGets400WithItsReason(String body, String reason) {
        BadRequest refused = assertThrows(BadRequest.class, () -> Instances.parse(body, SHAPE, 4));
        assertEquals(400, refused.status());
        assertEquals(reason, refused.getMessage());
    }
}
