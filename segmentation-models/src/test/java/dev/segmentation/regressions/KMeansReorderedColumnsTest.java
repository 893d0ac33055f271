package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: "`KMeansModel.predict(FeatureMatrix)` ignores column names: the same data with columns in another order
 * gives 400 of 600 labels different, silently". A matrix whose columns are the training columns in another order
 * (or under other names) is refused with both lists; the same columns reordered back give the training labels;
 * the {@code double[]} row API stays positional.
 */
class KMeansReorderedColumnsTest {
    private static final List<String> NAMES = List.of("recency", "frequency", "monetary");

    @Test
    void reorderedColumnsAreRefusedNotSilentlyMislabelled() {
        FeatureMatrix x = blobs(600, 7L);
        KMeansModel model = KMeans.builder().k(3).seed(1L).build().fit(x);
        int[] labels = model.predict(x);

        FeatureMatrix reordered = x.select(List.of("monetary", "frequency", "recency"));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> model.predict(reordered));
        assertEquals("x: columns must be [recency, frequency, monetary] (the training columns, in order), "
                + "found [monetary, frequency, recency]", e.getMessage());
        assertThrows(InvalidDataException.class, () -> model.predict(reordered, new int[600]));
        assertThrows(InvalidDataException.class, () -> model.inertia(reordered));

        FeatureMatrix renamed = FeatureMatrix.of(List.of("recency", "frequency", "spend"), x.rows(), data(x));
        assertEquals("x: columns must be [recency, frequency, monetary] (the training columns, in order), "
                + "found [recency, frequency, spend]", assertThrows(InvalidDataException.class,
                        () -> model.predict(renamed)).getMessage());

        // selecting the training columns by name puts them back in order: the same labels as on the training data
        assertArrayEquals(labels, model.predict(reordered.select(NAMES)));
        // the row API is positional (documented): row i of x gives label i
        double[] row = new double[3];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < 3; j++) {
                row[j] = x.get(i, j);
            }
            assertEquals(labels[i], model.predict(row));
        }
        // what the refusal prevents: the reordered values read positionally give other labels for most rows
        int different = 0;
        for (int i = 0; i < reordered.rows(); i++) {
            for (int j = 0; j < 3; j++) {
                row[j] = reordered.get(i, j);
            }
            different += model.predict(row) == labels[i] ? 0 : 1;
        }
        assertTrue(different > 300, "rows relabelled by the swap: " + different);
    }

    /** Three well separated blobs whose columns have different scales, so that a column swap changes labels. */
    private static FeatureMatrix blobs(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] centres = {{10, 1, 100}, {200, 8, 900}, {60, 30, 300}};
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % 3];
            rows[i] = new double[] {c[0] + rnd.nextGaussian() * 5, c[1] + rnd.nextGaussian(),
                c[2] + rnd.nextGaussian() * 20};
        }
        return FeatureMatrix.ofRows(NAMES, rows);
    }

    private static double[] data(FeatureMatrix x) {
        double[] a = new double[x.rows() * x.columns()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                a[i * x.columns() + j] = x.get(i, j);
            }
        }
        return a;
    }
}
