package jdlab.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class TableEncoderTest {

    private static Table penguins;

    @BeforeAll
    static void readPenguins() throws IOException {
        Path csv = Path.of("..", "notebooks", "data", "palmer-penguins", "penguins.csv");
        penguins = Table.read().csv(CsvReadOptions.builder(csv.toFile()).build());
    }

    @Test
    void categoriesBecomeOneHotFeaturesInColumnOrder() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", true);

        assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "bill_length_mm", "bill_depth_mm",
                "flipper_length_mm", "body_mass_g", "sex=female", "sex=male", "year"), encoder.featureNames());
        float[] first = row(encoder.encode(penguins), 0);
        assertEquals(List.of(0f, 0f, 1f), List.of(first[0], first[1], first[2]));
        assertEquals(List.of(0f, 1f), List.of(first[7], first[8]));
    }

    @Test
    void textLabelsAreSortedClasses() {
        Examples examples = TableEncoder.examples(penguins, "species");

        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), examples.classNames());
        assertEquals(List.of(146L, 68L, 119L), List.of(count(examples, 0), count(examples, 1), count(examples, 2)));
    }

    @Test
    void rowsWithMissingValuesAreDroppedAndCounted() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", true);

        assertEquals(333, encoder.encode(penguins).size());
        assertEquals("species: 3 classes (Adelie, Chinstrap, Gentoo) from 10 features: 5 numbers (standardised), "
                + "island (3 categories), sex (2 categories)\n333 of 344 training rows kept, 11 dropped for a missing value",
                encoder.summary());
    }

    @Test
    void validationFeaturesAreScaledWithTrainingStatistics() {
        // Every third row validates, so both parts hold all three species.
        Table train = penguins.rows(IntStream.range(0, penguins.rowCount()).filter(i -> i % 3 != 0).toArray());
        Table validation = penguins.rows(IntStream.range(0, penguins.rowCount()).filter(i -> i % 3 == 0).toArray());
        TableEncoder encoder = TableEncoder.fit(train, "species", true);
        int bill = encoder.featureNames().indexOf("bill_length_mm");
        DoubleColumn trainBills = train.dropRowsWithMissingValues().doubleColumn("bill_length_mm");
        double n = trainBills.size();
        double mean = trainBills.mean();
        double std = trainBills.standardDeviation() * Math.sqrt((n - 1) / n);

        Examples encodedTrain = encoder.encode(train);
        Examples encodedValidation = encoder.encode(validation);

        assertEquals(0, mean(encodedTrain, bill), 1e-5);
        DoubleColumn validationBills = validation.dropRowsWithMissingValues().doubleColumn("bill_length_mm");
        for (int i = 0; i < encodedValidation.size(); i++) {
            assertEquals((validationBills.get(i) - mean) / std, row(encodedValidation, i)[bill], 1e-5);
        }
        assertNotEquals(0, mean(encodedValidation, bill), 1e-3);
    }

    @Test
    void withoutStandardisationNumbersPassThrough() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", false);

        float[] first = row(encoder.encode(penguins), 0);

        assertEquals(39.1f, first[encoder.featureNames().indexOf("bill_length_mm")]);
        assertEquals(2007f, first[encoder.featureNames().indexOf("year")]);
    }

    @Test
    void constantColumnIsCentredButNotScaled() {
        Table constant = penguins.inRange(0, 3).copy();
        constant.intColumn("year").set(1, 2007);
        TableEncoder encoder = TableEncoder.fit(constant, "species", true);

        float[] first = row(encoder.encode(constant), 0);

        assertEquals(0f, first[encoder.featureNames().indexOf("year")]);
    }

    @Test
    void unseenCategorySetsNoneOfItsFeatures() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", true);
        Table validation = penguins.inRange(0, 2).copy();
        validation.stringColumn("island").set(0, "Atlantis");

        float[] first = row(encoder.encode(validation), 0);

        assertEquals(List.of(0f, 0f, 0f), List.of(first[0], first[1], first[2]));
    }

    @Test
    void unseenLabelClassIsAnError() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", true);
        Table validation = penguins.inRange(0, 2).copy();
        validation.stringColumn("species").set(1, "Emperor");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(validation));

        assertEquals("row 1 has label \"Emperor\" in column \"species\", which is not one of the training classes: "
                + "Adelie, Chinstrap, Gentoo", e.getMessage());
    }

    @Test
    void fewWholeNumberValuesAreClasses() {
        Examples byYear = TableEncoder.examples(penguins, "year");

        assertEquals(List.of("2007", "2008", "2009"), byYear.classNames());
    }

    @Test
    void manyWholeNumberValuesAreRegressionTargets() {
        Examples byMass = TableEncoder.examples(penguins, "body_mass_g");

        assertEquals(0, byMass.classes());
        assertEquals(3750f, byMass.label(0));
    }

    @Test
    void fractionalLabelIsARegressionTarget() {
        TableEncoder encoder = TableEncoder.fit(penguins, "bill_length_mm", true);

        assertEquals(39.1f, encoder.encode(penguins).label(0));
        assertTrue(encoder.summary().startsWith("bill_length_mm: regression target from 12 features: 4 numbers (standardised), species (3 categories)"), encoder.summary());
    }

    @Test
    void booleansAreCategoriesAndDatesAreSkipped() {
        Table table = Table.create("t",
                BooleanColumn.create("ok", true, false, true),
                DateColumn.create("day", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)),
                StringColumn.create("kind", "a", "b", "a"));

        TableEncoder encoder = TableEncoder.fit(table, "kind", true);

        assertEquals(List.of("ok=false", "ok=true"), encoder.featureNames());
        assertTrue(encoder.summary().endsWith("; skipped columns: day (LOCAL_DATE)"), encoder.summary());
    }

    @Test
    void missingLabelColumnListsTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableEncoder.fit(penguins, "colour", true));

        assertEquals("no column \"colour\" in the table; its columns are species, island, bill_length_mm, "
                + "bill_depth_mm, flipper_length_mm, body_mass_g, sex, year", e.getMessage());
    }

    @Test
    void featureColumnMissingLaterIsNamed() {
        TableEncoder encoder = TableEncoder.fit(penguins, "species", true);
        Table withoutSex = penguins.copy().removeColumns("sex");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(withoutSex));

        assertTrue(e.getMessage().startsWith("no column \"sex\" in the table"), e.getMessage());
    }

    @Test
    void tableWithoutFeatureColumnsIsAnError() {
        Table table = Table.create("t", StringColumn.create("kind", "a", "b"),
                DateColumn.create("day", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableEncoder.fit(table, "kind", true));

        assertEquals("no feature columns besides the label \"kind\": features must be numbers, text or booleans, "
                + "not day (LOCAL_DATE)", e.getMessage());
    }

    @Test
    void dateLabelIsAnError() {
        Table table = Table.create("t", DoubleColumn.create("x", 1, 2),
                DateColumn.create("day", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableEncoder.fit(table, "day", true));

        assertEquals("label column \"day\" holds LOCAL_DATE values; a label must be numbers, text or booleans", e.getMessage());
    }

    @Test
    void encodingIsLearntOnlyFromTheTrainingRows() {
        Table adelies = penguins.inRange(0, 100);
        TableEncoder early = TableEncoder.fit(adelies, "species", true);
        TableEncoder all = TableEncoder.fit(penguins, "species", true);

        assertNotEquals(row(early.encode(adelies), 0)[3], row(all.encode(adelies), 0)[3]);
        assertEquals(List.of("Adelie"), early.encode(adelies).classNames());
    }

    private static float[] row(Examples examples, int i) {
        int width = Math.toIntExact(examples.exampleShape().size());
        FloatBuffer out = FloatBuffer.allocate(width);
        examples.copyFeatures(new int[] {i}, 0, 1, out);
        return out.array();
    }

    private static long count(Examples examples, int label) {
        return IntStream.range(0, examples.size()).filter(i -> examples.label(i) == label).count();
    }

    private static double mean(Examples examples, int feature) {
        double sum = 0;
        for (int i = 0; i < examples.size(); i++) {
            sum += row(examples, i)[feature];
        }
        return sum / examples.size();
    }
}
