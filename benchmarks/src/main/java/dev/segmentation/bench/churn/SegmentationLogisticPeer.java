package dev.segmentation.bench.churn;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;

/** This library: {@code LogisticRegression} (Newton, defaults) with {@code standardize(false)}, as scikit-learn. */
public final class SegmentationLogisticPeer implements LogisticPeer {
    private FeatureMatrix x;
    private int[] y;
    private LogisticRegression trainer;

    @Override
    public void prepare(double[] data, int n, int d, int[] labels, double lambda, int threads) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        x = FeatureMatrix.of(names, n, data);
        y = labels;
        trainer = LogisticRegression.builder().l2(lambda).standardize(false).threads(threads).build();
    }

    @Override
    public double[] fit() {
        LogisticRegressionModel m = trainer.fit(x, y);
        double[] c = m.coefficients();
        double[] out = new double[c.length + 1];
        out[0] = m.intercept();
        System.arraycopy(c, 0, out, 1, c.length);
        return out;
    }
}
