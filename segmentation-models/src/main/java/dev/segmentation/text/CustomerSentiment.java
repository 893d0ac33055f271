package dev.segmentation.text;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-customer review sentiment features: each customer's review count, mean log-odds of the reviews and
 * share of negative reviews (log-odds {@code <= 0}, the rows a classifier predicts 0), as a small immutable
 * table with named columns that the pipeline joins to customer features by id ({@link #alignTo(List)}).
 *
 * <p>The scores are review-level log-odds of "positive" from any classifier here
 * ({@code MultinomialNaiveBayesModel.predictLogOdds}, {@code SparseLogisticRegressionModel.predictLogOdds}),
 * ideally out-of-fold ({@link TextCrossValidationResult#scores()}) so that a customer's own reviews did not
 * train the scores.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out. Null is never
 * accepted or returned.
 */
public final class CustomerSentiment {
    /** Column: the number of reviews. */
    public static final String COUNT = "review_count";
    /** Column: the mean log-odds of the reviews. */
    public static final String MEAN_LOG_ODDS = "review_mean_log_odds";
    /** Column: the share of reviews with log-odds {@code <= 0}. */
    public static final String SHARE_NEGATIVE = "review_share_negative";
    private static final List<String> NAMES = List.of(COUNT, MEAN_LOG_ODDS, SHARE_NEGATIVE);

    private final String[] ids;
    private final FeatureMatrix matrix;
    private final Map<String, Integer> rowOf;

    private CustomerSentiment(String[] ids, FeatureMatrix matrix, Map<String, Integer> rowOf) {
        this.ids = ids;
        this.matrix = matrix;
        this.rowOf = rowOf;
    }

    /**
     * Aggregates review scores by customer, in O(reviews). Customers are listed in order of first appearance.
     *
     * @param customerIds the customer of each review. Not modified.
     * @param logOdds each review's log-odds of positive, finite. Not modified.
     * @return the table
     * @throws InvalidDataException if the lengths differ, an id is null, or a score is not finite
     */
    public static CustomerSentiment aggregate(List<String> customerIds, double[] logOdds) {
        Objects.requireNonNull(customerIds, "customerIds");
        Objects.requireNonNull(logOdds, "logOdds");
        if (customerIds.size() != logOdds.length) {
            throw new InvalidDataException("logOdds: length must be customerIds.size() = " + customerIds.size()
                    + ", found " + logOdds.length);
        }
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        int[] review = new int[logOdds.length];
        for (int i = 0; i < logOdds.length; i++) {
            String id = customerIds.get(i);
            if (id == null) {
                throw new InvalidDataException("row " + i + ": customer id must not be null", i, "customer", null);
            }
            if (!Double.isFinite(logOdds[i])) {
                throw new InvalidDataException("row " + i + ": log-odds must be finite, found " + logOdds[i], i,
                        "logOdds", null);
            }
            Integer r = rowOf.putIfAbsent(id, rowOf.size());
            review[i] = r == null ? rowOf.size() - 1 : r;
        }
        int n = rowOf.size();
        double[] sum = new double[n];
        int[] count = new int[n];
        int[] negative = new int[n];
        for (int i = 0; i < logOdds.length; i++) {
            sum[review[i]] += logOdds[i];
            count[review[i]]++;
            negative[review[i]] += logOdds[i] <= 0 ? 1 : 0;
        }
        double[] data = new double[n * 3];
        for (int c = 0; c < n; c++) {
            data[3 * c] = count[c];
            data[3 * c + 1] = sum[c] / count[c];
            data[3 * c + 2] = negative[c] / (double) count[c];
        }
        return new CustomerSentiment(rowOf.keySet().toArray(new String[0]), FeatureMatrix.of(NAMES, n, data),
                Map.copyOf(rowOf));
    }

    /**
     * The customers, one per row, in order of first appearance.
     *
     * @return a new array
     */
    public String[] ids() {
        return ids.clone();
    }

    /**
     * The features, one row per customer of {@link #ids()}, columns {@value #COUNT}, {@value #MEAN_LOG_ODDS},
     * {@value #SHARE_NEGATIVE}.
     *
     * @return the matrix (immutable)
     */
    public FeatureMatrix matrix() {
        return matrix;
    }

    /**
     * The features in the row order of another table's customer ids, for joining (e.g. to
     * {@code CustomerFeatureTable.ids()}). A customer without reviews gets count 0, mean log-odds 0 and share
     * negative 0 (no evidence either way; the count tells the model so).
     *
     * @param customerIds the ids to align to. Not modified.
     * @return a new matrix with {@code customerIds.size()} rows and the three columns
     * @throws InvalidDataException if an id is null
     */
    public FeatureMatrix alignTo(List<String> customerIds) {
        Objects.requireNonNull(customerIds, "customerIds");
        double[] data = new double[customerIds.size() * 3];
        double[] row = new double[3];
        for (int i = 0; i < customerIds.size(); i++) {
            String id = customerIds.get(i);
            if (id == null) {
                throw new InvalidDataException("row " + i + ": customer id must not be null", i, "customer", null);
            }
            Integer r = rowOf.get(id);
            if (r != null) {
                matrix.row(r, row);
                System.arraycopy(row, 0, data, 3 * i, 3);
            }
        }
        return FeatureMatrix.of(NAMES, customerIds.size(), data);
    }

    @Override
    public String toString() {
        return "CustomerSentiment{customers=" + ids.length + ", columns=" + NAMES + "}";
    }
}
