package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Log1pModel;
import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.features.Standardizer;
import dev.segmentation.features.StandardizerModel;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.persist.ModelJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 20: the encoders fitted in Spark equal the single-JVM encoders, for 1, 3 and 7 partitions. */
class SparkEncodersTest {
    private static final List<String> RFM = List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY,
            CustomerFeatures.MONETARY);
    private static SparkSession spark;
    /** RFM, tenure and behaviour features of 3,000 simulated customers (one chunk of rows). */
    private static FeatureMatrix simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkEncodersTest");
        TransactionLog log = RetailSimulator.builder().customers(3_000).seed(11).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
        simulated = CustomerFeatures.builder().asOf(LocalDate.of(2024, 7, 1)).rfm().tenure().behaviour().build()
                .compute(log).matrix();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    static void assertSameEdges(QuantileBinnerModel expected, QuantileBinnerModel actual) {
        assertEquals(expected.columns(), actual.columns());
        assertEquals(expected.bins(), actual.bins());
        assertEquals(expected.descending(), actual.descending());
        for (String c : expected.columns()) {
            double[] e = expected.edges(c);
            double[] a = actual.edges(c);
            assertEquals(e.length, a.length, c);
            for (int k = 0; k < e.length; k++) {
                assertEquals(Double.doubleToLongBits(e[k]), Double.doubleToLongBits(a[k]),
                        c + " edge " + k + ": expected " + e[k] + ", found " + a[k]);
            }
        }
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Double.doubleToLongBits(expected[j]), Double.doubleToLongBits(actual[j]),
                    what + "[" + j + "]: expected " + expected[j] + ", found " + actual[j]);
        }
    }

    @Test
    void rfmScoresEqualTheSingleJvmQuintilesExactlyForOneThreeAndSevenPartitions() {
        QuantileBinnerModel single = QuantileBinner.builder().columns(RFM.toArray(new String[0])).bins(5)
                .descending(CustomerFeatures.RECENCY).build().fit(simulated);
        for (int partitions : new int[] {1, 3, 7}) {
            QuantileBinnerModel spark5 = SparkEncoders.rfmScores(Matrices.of(spark, simulated, partitions));
            assertSameEdges(single, spark5);
            // the model is the ordinary one: saved and read back, it scores the matrix as the single-JVM fit
            QuantileBinnerModel read = (QuantileBinnerModel) ModelJson.fromJson(ModelJson.toJson(spark5));
            assertArrayEquals(single.transform(simulated).toArray(), read.transform(simulated).toArray());
        }
    }

    @Test
    void quantileScoresWithHeavyTiesNegativeZeroAndEveryColumnEqualTheSingleJvm() {
        // 60 % zeros (some -0.0), small integers, a constant column and a continuous one
        Random random = new Random(3);
        int n = 1_000;
        double[] data = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            data[i * 3] = u < 0.3 ? 0.0 : u < 0.6 ? -0.0 : 1 + random.nextInt(4);
            data[i * 3 + 1] = 7.5;
            data[i * 3 + 2] = random.nextGaussian();
        }
        FeatureMatrix x = FeatureMatrix.of(List.of("ties", "constant", "gauss"), n, data);
        for (int bins : new int[] {2, 3, 5, 10}) {
            QuantileBinnerModel single = QuantileBinner.builder().bins(bins).descending("gauss").build().fit(x);
            for (int partitions : new int[] {1, 3, 7}) {
                assertSameEdges(single, SparkEncoders.quantileScores(Matrices.of(spark, x, partitions),
                        List.of("ties", "constant", "gauss"), bins, List.of("gauss")));
            }
        }
    }

    @Test
    void oneRowScoresOne() {
        FeatureMatrix x = FeatureMatrix.of(List.of("a"), 1, new double[] {4.0});
        assertSameEdges(QuantileBinner.builder().build().fit(x),
                SparkEncoders.quantileScores(Matrices.of(spark, x, 3), List.of("a"), 5, List.of()));
    }

    @Test
    void standardizeIsBitIdenticalToTheSingleJvmWithinOneChunkForOneThreeAndSevenPartitions() {
        List<String> names = simulated.names();
        for (boolean sampleSd : new boolean[] {false, true}) {
            StandardizerModel single = Standardizer.builder().sampleSd(sampleSd).build().fit(simulated);
            for (int partitions : new int[] {1, 3, 7}) {
                StandardizerModel model = SparkEncoders.standardize(Matrices.of(spark, simulated, partitions),
                        Matrices.ID, names, sampleSd);
                assertEquals(single.columns(), model.columns());
                assertBits(single.means(), model.means(), "means");
                assertBits(single.scales(), model.scales(), "scales");
            }
        }
    }

    @Test
    void standardizeOverSeveralChunksEqualsTheSingleJvmTo1e12AndIsTheSameForEveryPartitioning() {
        Random random = new Random(8);
        int n = 2 * ChunkRunner.CHUNK_ROWS + 17;
        double[] data = new double[n * 3];
        for (int i = 0; i < n; i++) {
            data[i * 3] = 1e6 + random.nextGaussian() * 3; // large mean, small spread: the two-pass correction
            data[i * 3 + 1] = 42.0; // constant: scale 1
            data[i * 3 + 2] = Math.exp(random.nextGaussian());
        }
        FeatureMatrix x = FeatureMatrix.of(List.of("a", "b", "c"), n, data);
        StandardizerModel single = Standardizer.builder().build().fit(x);
        StandardizerModel first = null;
        for (int partitions : new int[] {1, 3, 7}) {
            StandardizerModel model = SparkEncoders.standardize(Matrices.of(spark, x, partitions), Matrices.ID,
                    List.of("a", "b", "c"), false);
            for (int j = 0; j < 3; j++) {
                assertEquals(single.means()[j], model.means()[j], Math.abs(single.means()[j]) * 1e-12, "mean " + j);
                assertEquals(single.scales()[j], model.scales()[j], single.scales()[j] * 1e-12, "scale " + j);
            }
            assertEquals(1.0, model.scales()[1]);
            if (first == null) {
                first = model;
            } else {
                assertBits(first.means(), model.means(), "means");
                assertBits(first.scales(), model.scales(), "scales");
            }
        }
    }

    @Test
    void log1pIsTheSingleJvmModelAndRefusesValuesOutOfItsDomain() {
        Log1pModel single = Log1p.builder().columns("frequency", "monetary").build().fit(simulated);
        Log1pModel model = SparkEncoders.log1p(Matrices.of(spark, simulated, 3), List.of("frequency", "monetary"));
        assertEquals(single.columns(), model.columns());
        assertArrayEquals(single.transform(simulated).toArray(), model.transform(simulated).toArray());
        InvalidDataException low = assertThrows(InvalidDataException.class,
                () -> SparkEncoders.log1p(values(2.0, -1.0), List.of("a", "b")));
        assertEquals("column b: value must be > -1, found -1.0", low.getMessage());
        assertEquals("b", low.column()); // the fields of the single-JVM Log1p's error (issue 18)
        assertEquals("> -1", low.constraint());
        assertEquals("-1.0", low.value());
        assertEquals("column b: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.log1p(values(2.0, Double.NaN), List.of("a", "b"))).getMessage());
    }

    /** Two rows: a = (1, 3), b = (first, second); b nullable. */
    private static Dataset<Row> values(Double first, Double second) {
        StructType schema = new StructType().add("id", DataTypes.StringType, false)
                .add("a", DataTypes.DoubleType, false).add("b", DataTypes.DoubleType, true)
                .add("name", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("c1", 1.0, first, "x"));
        rows.add(RowFactory.create("c2", 3.0, second, "y"));
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    @Test
    void badInputIsRefusedWithItsMessage() {
        assertEquals("column b: value must be finite, found Infinity", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.quantileScores(values(Double.POSITIVE_INFINITY, 1.0), List.of("a", "b"), 5,
                        List.of())).getMessage());
        assertEquals("column b: value must be finite, found null", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.quantileScores(values(null, 1.0), List.of("b"), 5, List.of())).getMessage());
        assertEquals("rows must have the column \"c\", found [id, a, b, name]", assertThrows(
                InvalidDataException.class, () -> SparkEncoders.quantileScores(values(1.0, 2.0), List.of("c"), 5,
                        List.of())).getMessage());
        assertEquals("rows column \"name\" must be numeric, found string", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.log1p(values(1.0, 2.0), List.of("name"))).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.quantileScores(values(1.0, 2.0).limit(0), List.of("a"), 5, List.of()))
                .getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> SparkEncoders.standardize(values(1.0, 2.0).limit(0), "id", List.of("a"), false)).getMessage());
        assertEquals("bins must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> SparkEncoders.quantileScores(values(1.0, 2.0), List.of("a"), 1, List.of())).getMessage());
        assertEquals("columns must be distinct, found \"a\" twice", assertThrows(IllegalArgumentException.class,
                () -> SparkEncoders.standardize(values(1.0, 2.0), "id", List.of("a", "a"), false)).getMessage());
    }
}
