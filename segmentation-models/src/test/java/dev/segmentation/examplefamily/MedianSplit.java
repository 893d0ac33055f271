package dev.segmentation.examplefamily;

import dev.segmentation.Provenance;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Segmenter;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;

/**
 * A model family added outside the library (issue 18, "adding a model family touches its own package and one
 * registration line"): two segments split at the median of one column. Everything it needs is in this package;
 * the pipeline takes it through the {@link Segmenter} seam, and persistence needs one registration line
 * ({@code dev.segmentation.persist.ExampleFamilyTest#WITH_MEDIAN_SPLIT}). Immutable.
 */
public final class MedianSplit implements Segmenter {
    private final int column;

    /**
     * A trainer splitting at the median of one column.
     *
     * @param column the column's index, {@code >= 0}
     */
    public MedianSplit(int column) {
        this.column = ParamChecks.atLeast("column", column, 0);
    }

    @Override
    public int k() {
        return 2;
    }

    @Override
    public MedianSplitModel fit(FeatureMatrix x) {
        ParamChecks.requireArgument(column < x.columns(), "column must be < %s, found %s", x.columns(), column);
        int n = x.rows();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = x.get(i, column);
        }
        Arrays.sort(v);
        double threshold = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        int d = x.columns();
        double[][] sums = new double[2][d];
        long[] counts = new long[2];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            x.row(i, row);
            int s = row[column] > threshold ? 1 : 0;
            counts[s]++;
            for (int j = 0; j < d; j++) {
                sums[s][j] += row[j];
            }
        }
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < d; j++) {
                // an empty side (all values at the median) gets the other side's centre
                sums[s][j] = counts[s] > 0 ? sums[s][j] / counts[s] : sums[1 - s][j] / counts[1 - s];
            }
        }
        return MedianSplitModel.of(x.names(), column, threshold, sums)
                .withProvenance(Provenance.builder(this).data(x).notIterative().build());
    }

    @Override
    public String toString() {
        return "MedianSplit{column=" + column + "}";
    }
}
