package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.PopularityModel;
import dev.segmentation.recommend.Recommender;
import dev.segmentation.testing.SharedData;
import dev.segmentation.text.CustomerSentiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's models as one bundle, its recommenders, and per-customer extra features (issues 6, 8, 10). */
class SegmentationModelsTest {
    private static final Period HORIZON = Period.ofYears(1);
    private static SimulatedRetail sim;
    private static TransactionLog log;

    @BeforeAll
    static void simulate() {
        sim = RetailSimulator.builder().customers(1200).seed(11).build().generate();
        log = sim.log();
    }

    private static Segmentation full() {
        return Segmentation.of(log).segments(KMeans.builder().k(4).seed(3))
                .churn(60, LogisticRegression.builder().l2(1.0))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(HORIZON));
    }

    /** Scores every customer with the bundle's models and checks the result's numbers bit for bit. */
    private static void assertBundleReproduces(SegmentationResult r, ModelBundle saved, int extraColumns) {
        ModelBundle b = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(saved));
        assertEquals(saved.names(), b.names());
        FeatureMatrix z = b.get("encoder", EncoderPipelineModel.class).transform(r.modelFeatures());
        assertArrayEquals(r.segmentLabels(), b.get("segments", KMeansModel.class).predict(z));
        assertEquals(ModelJson.toJson(r.rfmScores(RfmSegmenterModel.class).orElseThrow()), ModelJson.toJson(b.get("rfm", RfmSegmenterModel.class)));

        LogisticRegressionModel churn = b.get("churn", LogisticRegressionModel.class);
        ChurnFeatures cf = ChurnFeatures.standard();
        int base = cf.names().size();
        assertEquals(base + extraColumns, churn.columnNames().size());
        double[] row = new double[base + extraColumns];
        FeatureMatrix mf = r.modelFeatures();
        int d0 = mf.columns() - extraColumns;
        for (int i = 0; i < r.size(); i++) {
            String id = r.customer(i).id();
            cf.compute(r.log(), r.log().customerIndex(id), r.asOf().minusDays(1), row);
            for (int j = 0; j < extraColumns; j++) {
                row[base + j] = mf.get(i, d0 + j);
            }
            assertEquals(r.customer(i).churnProbability(), churn.predictProbability(row), 0.0, id);
        }

        BtydModel transactions = b.get("transactions", BgNbdModel.class);
        double[] alive = new double[r.summary().orElseThrow().size()];
        double[] expected = new double[alive.length];
        transactions.score(r.summary().orElseThrow(), HORIZON, alive, expected);
        for (int j = 0; j < alive.length; j++) {
            var p = r.customer(r.summary().orElseThrow().id(j)).orElseThrow();
            assertEquals(p.aliveProbability(), alive[j], 0.0);
            assertEquals(p.expectedPurchases(), expected[j], 0.0);
        }

        if (b.names().contains("recommender")) {
            Recommender rec = b.get("recommender", Recommender.class);
            for (int i = 0; i < r.size(); i++) {
                var p = r.customer(i);
                int[] items = rec.recommend(r.log().customerIndex(p.id()), p.topItems().size(), true);
                List<String> ids = new ArrayList<>();
                for (int item : items) {
                    ids.add(r.log().itemId(item));
                }
                assertEquals(p.topItems(), ids, p.id());
            }
        }
    }

    @Test
    void modelsBundleReloadsAndScoresTheSameCustomersIdentically() {
        SegmentationResult r = full().recommend(ItemKnn.builder().neighbors(20), 5).run();
        ModelBundle b = r.models();
        // issue 15/16: the bundle gains the segment catalog and the drift baseline
        assertEquals(List.of("encoder", "rfm", "segments", "churn", "transactions", "spend", "recommender",
                "catalog", "baseline"), b.names());
        assertInstanceOf(ItemKnnModel.class, b.get("recommender", Object.class));
        assertBundleReproduces(r, b, 0);
    }

    @Test
    void onlineRetailBundleReloadsAndScoresIdentically() {
        TransactionLog retail = TransactionCsv.readPreset(SharedData.file("online-retail/online_retail.csv.gz"),
                "online-retail").log();
        SegmentationResult r = Segmentation.of(retail).features(f -> f.behaviour()).segments(KMeans.builder().k(5)
                .seed(42)).churn(90, LogisticRegression.builder().l2(1.0))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(HORIZON))
                .recommend(ItemKnn.builder().neighbors(50), 10).run();
        assertEquals(4338, r.size());
        assertBundleReproduces(r, r.models(), 0);
    }

    @Test
    void relabelledSegmentModelKeepsTheFitsProvenance() {
        SegmentationResult r = full().run();
        KMeansModel saved = r.models().get("segments", KMeansModel.class);
        Provenance p = saved.provenance();
        // renumbering by value rebuilds the model; its provenance must stay the fit's whole record, not the
        // trainer description alone (library version, columns, iterations and convergence of the fit)
        assertTrue(p.recorded());
        assertFalse(p.libraryVersion().equals("unknown"), p.toString());
        assertEquals(saved.iterations(), p.iterations().orElseThrow());
        assertEquals(saved.columnNames(), p.columns());
        KMeansModel reloaded = (KMeansModel) ModelJson.fromJson(ModelJson.toJson(saved));
        assertEquals(p, reloaded.provenance());
    }

    @Test
    void featuresOnlyBundleHoldsEncoderAndRfm() {
        assertEquals(List.of("encoder", "rfm"), Segmentation.of(log).run().models().names());
    }

    @Test
    void customRecommenderThatCannotBePersistedIsLeftOut() {
        Recommender plain = new Recommender() {
            @Override
            public int[] recommend(int customer, int n, boolean excludeSeen) {
                return new int[] {0};
            }
        };
        SegmentationResult r = Segmentation.of(log).recommend(m -> plain, 1).run();
        assertEquals(List.of("encoder", "rfm"), r.models().names());
    }

    @Test
    void eachRecommenderWorksEndToEnd() {
        Set<String> bought = new HashSet<>();
        for (int row = 0; row < log.size(); row++) {
            bought.add(log.customerId(log.customer(row)) + "\t" + log.itemId(log.item(row)));
        }
        List<Object[]> cases = List.of(
                new Object[] {Segmentation.of(log).recommend(ItemKnn.builder().neighbors(20), 5), ItemKnnModel.class},
                new Object[] {Segmentation.of(log).recommend(ImplicitAls.builder().factors(8).iterations(5).seed(1),
                        5), ImplicitAlsModel.class},
                new Object[] {Segmentation.of(log).recommend(Popularity.builder(), 5), PopularityModel.class});
        for (Object[] c : cases) {
            SegmentationResult r = ((Segmentation) c[0]).run();
            Class<?> type = (Class<?>) c[1];
            assertInstanceOf(type, r.recommender().orElseThrow());
            assertInstanceOf(type, r.models().get("recommender", Object.class));
            int full = 0;
            for (CustomerProfile p : r.customers()) {
                assertEquals(p.topItems().size(), new HashSet<>(p.topItems()).size(), type + " " + p.id());
                for (String item : p.topItems()) {
                    assertFalse(bought.contains(p.id() + "\t" + item), type + " recommends a bought item");
                }
                full += p.topItems().size() == 5 ? 1 : 0;
            }
            assertEquals(r.size(), full, type + ": every customer gets 5 items");
            Recommender back = (Recommender) ((ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models())))
                    .get("recommender", Object.class);
            for (int i = 0; i < r.size(); i += 7) {
                int u = r.log().customerIndex(r.customer(i).id());
                assertArrayEquals(r.recommender().orElseThrow().recommend(u, 5, true), back.recommend(u, 5, true));
            }
        }
    }

    /** Review sentiment for every second customer, with a signal: low log-odds for customers who stop buying. */
    private static CustomerSentiment sentiment() {
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int c = 0; c < log.customerCount(); c += 2) {
            String id = log.customerId(c);
            for (int k = 0; k <= c % 3; k++) {
                ids.add(id);
                scores.add(((c * 31 + k * 17) % 11) / 2.0 - 2.5);
            }
        }
        return CustomerSentiment.aggregate(ids, scores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void extraFeaturesJoinByIdIntoSegmentsAndChurn(@TempDir Path dir) throws IOException {
        CustomerSentiment s = sentiment();
        SegmentationResult r = full().extraFeatures(s).recommend(ImplicitAls.builder().factors(4).iterations(3)
                .seed(2), 3).run();
        List<String> names = r.modelFeatures().names();
        assertEquals(List.of(CustomerSentiment.COUNT, CustomerSentiment.MEAN_LOG_ODDS,
                CustomerSentiment.SHARE_NEGATIVE), names.subList(names.size() - 3, names.size()));
        assertEquals(r.features().names(), names.subList(0, names.size() - 3));
        LogisticRegressionModel churn = r.churn(LogisticRegressionModel.class).orElseThrow();
        assertEquals(names.subList(names.size() - 3, names.size()),
                churn.columnNames().subList(churn.columnNames().size() - 3, churn.columnNames().size()));
        FeatureMatrix aligned = s.alignTo(Arrays.asList(r.features().ids()));
        int d0 = names.size() - 3;
        int missing = 0;
        for (int i = 0; i < r.size(); i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(aligned.get(i, j), r.modelFeatures().get(i, d0 + j));
            }
            missing += r.modelFeatures().get(i, d0) == 0.0 ? 1 : 0;
        }
        assertTrue(missing > 0 && missing < r.size(), "some customers without reviews, filled with 0");
        assertEquals(churn.columnNames(), r.churnTrainingFeatures().orElseThrow().names());
        assertEquals(r.churnTraining().orElseThrow().labels().length, r.churnTrainingFeatures().orElseThrow().rows());
        Path csv = dir.resolve("segments.csv");
        r.writeSegmentsCsv(csv);
        String header = Files.readAllLines(csv, StandardCharsets.UTF_8).get(0);
        assertTrue(header.contains(",centre_monetary,centre_review_count,centre_review_mean_log_odds,"
                + "centre_review_share_negative,mean_clv,"), header);
        // parsed as CSV: a descriptive segment name may hold a comma, quoted ("Mostly recent ..., hint")
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> in = CsvReader.builder().ofCsvRecord(csv)) {
            for (CsvRecord rec : in) {
                rows.add(rec.getFields());
            }
        }
        assertEquals(header.split(",").length, rows.get(0).size());
        assertEquals(rows.get(0).size(), rows.get(1).size(), "one value per header column");
        assertBundleReproduces(r, r.models(), 3);
        // the extra columns change the fit: a run without them differs
        SegmentationResult plain = full().run();
        double[] plainCoefficients = plain.churn(LogisticRegressionModel.class).orElseThrow().coefficients();
        assertFalse(Arrays.equals(plainCoefficients, Arrays.copyOf(churn.coefficients(), plainCoefficients.length)));
    }

    private static FeatureMatrix one(String name, double... values) {
        return FeatureMatrix.of(List.of(name), values.length, values.clone());
    }

    @Test
    void extraFeaturesBadInputIsRefusedWithExactMessages() {
        String a = log.customerId(0);
        String b = log.customerId(1);
        assertEquals("features: extraFeatures customerIds length must be the matrix rows 2, found 1",
                assertThrows(IllegalArgumentException.class, () -> Segmentation.of(log)
                        .extraFeatures(new String[] {a}, one("score", 1, 2)).run()).getMessage());
        InvalidDataException dup = assertThrows(InvalidDataException.class, () -> Segmentation.of(log)
                .extraFeatures(new String[] {a, b, a}, one("score", 1, 2, 3)).run());
        assertEquals("features: extraFeatures row 2, column customer_id: id must be unique, found \"" + a
                + "\" twice", dup.getMessage());
        assertEquals(2, dup.row());
        assertEquals("customer_id", dup.column());
        assertEquals("features: extraFeatures row 1, column customer_id: id must not be null",
                assertThrows(InvalidDataException.class, () -> Segmentation.of(log)
                        .extraFeatures(new String[] {a, null}, one("score", 1, 2)).run()).getMessage());
        InvalidDataException nan = assertThrows(InvalidDataException.class, () -> Segmentation.of(log)
                .extraFeatures(new String[] {a, b}, one("score", 1, Double.NaN)).run());
        assertEquals("features: extraFeatures row 1, column score: value must be finite, found NaN",
                nan.getMessage());
        assertEquals("score", nan.column());
        assertEquals("features: extraFeatures row 0, column score: value must be finite, found Infinity",
                assertThrows(InvalidDataException.class, () -> Segmentation.of(log).extraFeatures(
                        new String[] {a, b}, one("score", Double.POSITIVE_INFINITY, 1)).run()).getMessage());
        assertEquals("features: extraFeatures names must differ from the customer features [recency, frequency, "
                + "monetary], found \"monetary\"", assertThrows(IllegalArgumentException.class, () -> Segmentation
                        .of(log).extraFeatures(new String[] {a, b}, one("monetary", 1, 2)).run()).getMessage());
        assertEquals("churn: extraFeatures names must differ from the churn features "
                + ChurnFeatures.standard().names() + ", found \"tenure_days\"", assertThrows(
                        IllegalArgumentException.class, () -> Segmentation.of(log).churn(LogisticRegression.builder())
                                .extraFeatures(new String[] {a, b}, one("tenure_days", 1, 2)).run()).getMessage());
    }
}
