package dev.segmentation.bench.features;

import smile.data.DataFrame;
import smile.feature.transform.RobustStandardizer;
import smile.feature.transform.Scaler;
import smile.feature.transform.Standardizer;

/** Smile 3.1.1's scalers, loaded by name by {@link ScalerAdapter#of(String)} (compiled only with -Ppeers). */
final class SmileScalerAdapter implements ScalerAdapter {
    private DataFrame df;

    @Override
    public void prepare(double[][] rows, String[] names) {
        df = DataFrame.of(rows, names);
    }

    @Override
    public Object fitTransform(String scaler) {
        switch (scaler) {
            case "standardize":
                return Standardizer.fit(df).apply(df);
            case "minmax":
                return Scaler.fit(df).apply(df);
            case "robust":
                return RobustStandardizer.fit(df).apply(df);
            default:
                throw new IllegalArgumentException("scaler must be standardize, minmax or robust, found " + scaler);
        }
    }
}
