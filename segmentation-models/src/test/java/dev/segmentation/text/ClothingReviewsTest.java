package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Women's E-Commerce Clothing Reviews (Brooks 2018, CC0), {@code Recommended IND} from {@code Review Text},
 * the 22,641 non-empty texts, 5 folds by row id mod 5 (reference-numbers.md, "Reviews").
 */
class ClothingReviewsTest {
    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<Integer> IDS = new ArrayList<>();
    private static final List<String> DEPARTMENTS = new ArrayList<>();
    private static int[] labels;

    @BeforeAll
    static void read() throws IOException {
        List<Integer> y = new ArrayList<>();
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SharedData.file("reviews/womens_clothing_ecommerce_reviews.csv.gz"))), StandardCharsets.UTF_8);
                CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                if (r.getField(4).isEmpty()) {
                    continue;
                }
                IDS.add(Integer.parseInt(r.getField(0)));
                TEXTS.add(r.getField(4));
                DEPARTMENTS.add(r.getField(9));
                y.add(Integer.parseInt(r.getField(6)));
            }
        }
        labels = y.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Pooled out-of-fold log-odds of a vectorizer + NB pipeline; returns {accuracy, auc, negative F1}. */
    private static double[] crossValidate(Function<List<String>, Function<List<String>, SparseMatrix>> vectorizer,
            double alpha) {
        double[] score = new double[TEXTS.size()];
        int[] pred = new int[TEXTS.size()];
        for (int f = 0; f < 5; f++) {
            List<String> train = new ArrayList<>();
            List<String> test = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            List<Integer> testRows = new ArrayList<>();
            for (int i = 0; i < TEXTS.size(); i++) {
                if (IDS.get(i) % 5 == f) {
                    test.add(TEXTS.get(i));
                    testRows.add(i);
                } else {
                    train.add(TEXTS.get(i));
                    trainY.add(labels[i]);
                }
            }
            Function<List<String>, SparseMatrix> v = vectorizer.apply(train);
            MultinomialNaiveBayesModel nb = MultinomialNaiveBayes.builder().alpha(alpha).build()
                    .fit(v.apply(train), trainY.stream().mapToInt(Integer::intValue).toArray());
            SparseMatrix x = v.apply(test);
            double[] s = nb.predictLogOdds(x);
            int[] p = nb.predict(x);
            for (int k = 0; k < s.length; k++) {
                score[testRows.get(k)] = s[k];
                pred[testRows.get(k)] = p[k];
            }
        }
        int correct = 0;
        int tp0 = 0;
        int fp0 = 0;
        int fn0 = 0;
        for (int i = 0; i < pred.length; i++) {
            correct += pred[i] == labels[i] ? 1 : 0;
            tp0 += pred[i] == 0 && labels[i] == 0 ? 1 : 0;
            fp0 += pred[i] == 0 && labels[i] == 1 ? 1 : 0;
            fn0 += pred[i] == 1 && labels[i] == 0 ? 1 : 0;
        }
        double f1Negative = 2.0 * tp0 / Math.max(1, 2 * tp0 + fp0 + fn0);
        return new double[] {correct / (double) pred.length, BinaryMetrics.rocAuc(score, labels), f1Negative};
    }

    @Test
    void countUnigramNaiveBayes() {
        assertEquals(22_641, TEXTS.size());
        double[] r = crossValidate(train -> {
            CountVectorizerModel vocab = CountVectorizer.builder().build().fit(train);
            return vocab::transform;
        }, 1.0);
        // reference: about 0.892 (AUC 0.926), quoted to 3 decimals
        assertEquals(0.892, r[0], 0.0005, "accuracy");
        assertEquals(0.926, r[1], 0.0005, "auc");
    }

    /** The 5 folds of the reference: row id (the unnamed first column) mod 5. */
    private static int[] folds() {
        return TextCrossValidation.foldsByKey(IDS.stream().mapToLong(Integer::longValue).toArray(), 5);
    }

    private static SparseMatrix hashed;

    /** Hashed uni+bigram counts, 2^20 columns, unsigned and unnormalized (stateless: vectorized once). */
    private static synchronized SparseMatrix hashedBigrams() {
        if (hashed == null) {
            hashed = HashingVectorizer.builder().tokenizer(Tokenizer.builder().ngrams(2).build()).alternateSign(false)
                    .l2Normalize(false).build().transform(TEXTS);
        }
        return hashed;
    }

    /**
     * Hashed uni+bigram counts (2^20 columns, unsigned, unnormalized). Reference: alpha = 1 predicts only the
     * majority class, alpha = 0.1 gives "about 0.897". Measured: alpha 1 accuracy 0.8194 with negative-class
     * F1 0.0054 (a handful of negatives predicted), alpha 0.1 accuracy 0.8980, AUC 0.9229, negative F1 0.682.
     * The reference does not state its n-gram range or tolerance, so this asserts the claims themselves.
     */
    @Test
    void hashedBigramNaiveBayesNeedsSmallAlpha() {
        SparseMatrix x = hashedBigrams();
        int[] folds = folds();
        TextCrossValidationResult small = TextCrossValidation.crossValidate(x, labels, folds, 5,
                (tx, ty, test) -> MultinomialNaiveBayes.builder().alpha(0.1).build().fit(tx, ty).predictLogOdds(test));
        TextCrossValidationResult one = TextCrossValidation.crossValidate(x, labels, folds, 5,
                (tx, ty, test) -> MultinomialNaiveBayes.builder().alpha(1).build().fit(tx, ty).predictLogOdds(test));
        double majority = 18_540 / 22_641.0;
        assertTrue(Math.abs(one.accuracy() - majority) < 0.001, "alpha 1 accuracy " + one.accuracy());
        assertTrue(one.f1(0) < 0.01, "alpha 1 negative-class F1 " + one.f1(0));
        assertTrue(small.accuracy() > 0.892, "alpha 0.1 accuracy " + small.accuracy());
        assertTrue(small.auc() > 0.92, "alpha 0.1 auc " + small.auc());
        assertTrue(small.f1(0) > 0.6, "alpha 0.1 negative-class F1 " + small.f1(0));
    }

    /**
     * Logistic regression (l2 = 1, i.e. scikit-learn's default C = 1) on the same hashed uni+bigram counts,
     * solved by the sparse Newton-CG path. Must show: accuracy >= 0.90 and AUC >= 0.93 (AUC from log-odds);
     * reference "about 0.900 (AUC 0.935), hashed 2^20 the same within 0.001", so within 0.0015 of both
     * (0.0005 for the 3-decimal quote plus the stated 0.001). Measured: accuracy 0.90102, AUC 0.93508.
     */
    @Test
    void hashedBigramLogisticRegression() {
        TextCrossValidationResult r = TextCrossValidation.crossValidate(hashedBigrams(), labels, folds(), 5,
                (tx, ty, test) -> LogisticRegression.builder().l2(1).threads(2).build().fit(tx, ty)
                        .predictLogOdds(test));
        assertTrue(r.accuracy() >= 0.90, "accuracy " + r.accuracy());
        assertTrue(r.auc() >= 0.93, "auc " + r.auc());
        assertEquals(0.900, r.accuracy(), 0.0015, "accuracy");
        assertEquals(0.935, r.auc(), 0.0015, "auc");
        assertEquals(22_641, IntStream.of(r.foldSizes()).sum());
        assertEquals(r.accuracy() * 22_641, IntStream.of(r.foldCorrect()).sum(), 1e-6);
        assertTrue(r.f1(0) > 0.6 && r.f1(1) > 0.9, "per-class F1 " + r.f1(0) + ", " + r.f1(1));
        assertEquals((r.f1(0) + r.f1(1)) / 2, r.macroF1(), 1e-15);
        // the out-of-fold scores aggregated per department (the per-customer aggregation, keyed by department
        // here since the data has no customer ids): Trend has the lowest mean log-odds and the largest
        // predicted-negative share, as it has the largest labelled one
        CustomerSentiment byDepartment = CustomerSentiment.aggregate(DEPARTMENTS, r.scores());
        FeatureMatrix m = byDepartment.alignTo(List.of("Trend", "Dresses", "Tops", "Jackets", "Intimate", "Bottoms"));
        StringBuilder table = new StringBuilder();
        for (int g = 0; g < 6; g++) {
            table.append(java.util.Arrays.toString(m.row(g, null)));
        }
        assertEquals(118, m.row(0, null)[0], 0.0);
        for (int g = 1; g < 6; g++) {
            assertTrue(m.row(0, null)[1] < m.row(g, null)[1], "mean log-odds " + table);
            assertTrue(m.row(0, null)[2] > m.row(g, null)[2], "share negative " + table);
        }
    }

    /**
     * Themes by {@code Department Name} (the 13 texts without a department dropped). Reference: share not
     * recommended Trend 0.254 (118 reviews), Dresses 0.195, Tops 0.189, Jackets 0.167, Intimate 0.154,
     * Bottoms 0.150: Trend the most negative, Bottoms and Intimate the most positive. The themes themselves:
     * each department's top terms name its garments. Measured (prior weight 0.01): Dresses "dress" z = 96.6,
     * Bottoms "they", "these", "pants", "skirt", "jeans", Jackets "jacket", "coat"; Trend (118 texts) "super
     * skinny", "ridiculous it", "stink", "smells", z about 4.
     */
    @Test
    void departmentThemes() {
        List<String> texts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            if (!DEPARTMENTS.get(i).isEmpty()) {
                texts.add(TEXTS.get(i));
                groups.add(DEPARTMENTS.get(i));
                y.add(labels[i]);
            }
        }
        List<GroupThemes> themes = Themes.builder().top(15).build().fit(texts, groups,
                y.stream().mapToInt(Integer::intValue).toArray());
        java.util.Map<String, GroupThemes> by = new java.util.HashMap<>();
        themes.forEach(g -> by.put(g.group(), g));
        assertEquals(List.of("Bottoms", "Dresses", "Intimate", "Jackets", "Tops", "Trend"),
                themes.stream().map(GroupThemes::group).toList());
        assertEquals(118, by.get("Trend").size());
        double[] reference = {0.150, 0.195, 0.154, 0.167, 0.189, 0.254};
        for (int g = 0; g < reference.length; g++) {
            assertEquals(reference[g], themes.get(g).negativeShare(), 0.0005, themes.get(g).group());
        }
        List<String> byShare = themes.stream().sorted((a, b) -> Double.compare(b.negativeShare(), a.negativeShare()))
                .map(GroupThemes::group).toList();
        assertEquals("Trend", byShare.get(0));
        assertEquals(java.util.Set.of("Bottoms", "Intimate"), java.util.Set.copyOf(byShare.subList(4, 6)));
        assertTrue(terms(by.get("Dresses")).contains("dress"), terms(by.get("Dresses")).toString());
        assertTrue(terms(by.get("Bottoms")).contains("jeans"), terms(by.get("Bottoms")).toString());
        assertTrue(terms(by.get("Jackets")).contains("jacket"), terms(by.get("Jackets")).toString());
        for (GroupThemes g : themes) {
            List<ThemeTerm> t = g.terms();
            for (int r = 1; r < t.size(); r++) {
                assertTrue(t.get(r).z() <= t.get(r - 1).z());
            }
            assertTrue(t.get(0).z() > 3, g.group() + " " + t.get(0));
        }
    }

    private static List<String> terms(GroupThemes g) {
        return g.terms().stream().map(ThemeTerm::term).toList();
    }
}
