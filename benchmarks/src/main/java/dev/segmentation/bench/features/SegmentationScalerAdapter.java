package dev.segmentation.bench.features;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.MinMaxScaler;
import dev.segmentation.features.RobustScaler;
import dev.segmentation.features.Standardizer;
import java.util.List;

/** This library's scalers. */
final class SegmentationScalerAdapter implements ScalerAdapter {
    private FeatureMatrix x;

    @Override
    public void prepare(double[][] rows, String[] names) {
        x = FeatureMatrix.ofRows(List.of(names), rows);
    }

    @Override
    public Object fitTransform(String scaler) {
        switch (scaler) {
            case "standardize":
                return Standardizer.builder().build().fit(x).transform(x);
            case "minmax":
                return MinMaxScaler.builder().build().fit(x).transform(x);
            case "robust":
                return RobustScaler.builder().build().fit(x).transform(x);
            default:
                throw new IllegalArgumentException("scaler must be standardize, minmax or robust, found " + scaler);
        }
    }
}
