package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the encoders' class comments, compiled and run (copied into the javadoc by hand). */
class EncoderSnippetsTest {
    private static final FeatureMatrix RFM = FeatureMatrix.ofRows(List.of("recency", "frequency", "monetary"),
            new double[][] {{1, 5, 300}, {30, 1, 20}, {200, 2, 75}, {12, 9, 1200}, {90, 1, 15}, {45, 3, 60}});

    @Test
    void standardizer() {
        FeatureMatrix train = RFM;
        FeatureMatrix test = RFM;
        FeatureMatrix clusterCentres = RFM;
        // region Standardizer
        StandardizerModel z = Standardizer.builder().columns("recency", "monetary").build().fit(train);
        FeatureMatrix encoded = z.transform(test);
        FeatureMatrix centres = z.inverseTransform(clusterCentres);   // back in original units
        // endregion
        assertArrayEquals(test.column(1), encoded.column(1));
        assertEquals(3, centres.columns());
    }

    @Test
    void minMaxScaler() {
        FeatureMatrix train = RFM;
        // region MinMaxScaler
        MinMaxScalerModel s = MinMaxScaler.builder().range(-1, 1).build().fit(train);
        FeatureMatrix scaled = s.transform(train);   // every column now spans [-1, 1]
        // endregion
        assertEquals(-1.0, scaled.get(0, 0));
        assertEquals(1.0, scaled.get(3, 2));
    }

    @Test
    void robustScaler() {
        FeatureMatrix train = RFM;
        // region RobustScaler
        RobustScalerModel r = RobustScaler.builder().quantileRange(10, 90).build().fit(train);
        // endregion
        assertEquals(3, r.scales().length);
    }

    @Test
    void log1p() {
        FeatureMatrix rfm = RFM;
        // region Log1p
        Log1pModel log = Log1p.builder().columns("frequency", "monetary").build().fit(rfm);
        // endregion
        assertEquals(Math.log1p(5), log.transform(rfm).get(0, 1));
    }

    @Test
    void quantileBinner() {
        FeatureMatrix features = RFM;
        // region QuantileBinner
        QuantileBinnerModel rfm = QuantileBinner.builder().bins(5).descending("recency").build().fit(features);
        FeatureMatrix scores = rfm.transform(features);   // recency, frequency, monetary now in 1..5
        // endregion
        assertEquals(5.0, scores.get(0, 0), "the most recent customer scores 5");
        assertEquals(5.0, scores.get(3, 2), "the biggest spender scores 5");
    }

    @Test
    void oneHotEncoder() {
        String[] contractValues = {"Month-to-month", "One year", "Two year", "One year"};
        // region OneHotEncoder
        OneHotEncoderModel contract = OneHotEncoder.builder().column("Contract").dropFirst(true).build()
                .fit(contractValues);
        FeatureMatrix dummies = contract.transform(contractValues);   // Contract=One year, Contract=Two year
        // endregion
        assertEquals(List.of("Contract=One year", "Contract=Two year"), dummies.names());
    }

    @Test
    void minMaxScalerStats() {
        FeatureMatrix partA = StatsChunking.rows(RFM, 0, 4);
        FeatureMatrix partB = StatsChunking.rows(RFM, 4, 6);
        // region MinMaxScalerStats
        MinMaxScalerStats stats = MinMaxScalerStats.accumulate(partA, List.of("recency", "monetary"))
                .merge(MinMaxScalerStats.accumulate(partB, List.of("recency", "monetary")));
        MinMaxScalerModel model = MinMaxScaler.builder().build().fit(stats);
        // endregion
        assertArrayEquals(MinMaxScaler.builder().columns("recency", "monetary").build().fit(RFM).dataMin(),
                model.dataMin());
    }

    @Test
    void robustScalerStats() {
        FeatureMatrix partA = StatsChunking.rows(RFM, 0, 4);
        FeatureMatrix partB = StatsChunking.rows(RFM, 4, 6);
        // region RobustScalerStats
        RobustScalerStats stats = RobustScalerStats.accumulate(partA, List.of("monetary"))
                .merge(RobustScalerStats.accumulate(partB, List.of("monetary")));
        RobustScalerModel model = RobustScaler.builder().build().fit(stats);
        // endregion
        assertArrayEquals(RobustScaler.builder().columns("monetary").build().fit(RFM).centers(), model.centers());
    }

    @Test
    void oneHotEncoderStats() {
        String[] partA = {"Month-to-month", "One year"};
        String[] partB = {"Two year", "One year"};
        // region OneHotEncoderStats
        OneHotEncoderStats stats = OneHotEncoderStats.accumulate("Contract", partA)
                .merge(OneHotEncoderStats.accumulate("Contract", partB));
        OneHotEncoderModel model = OneHotEncoder.builder().column("Contract").build().fit(stats);
        // endregion
        assertEquals(List.of("Month-to-month", "One year", "Two year"), model.categories());
    }

    @Test
    void encoderPipeline() {
        FeatureMatrix rfm = RFM;
        FeatureMatrix centres = RFM;
        // region EncoderPipeline
        EncoderPipelineModel enc = EncoderPipeline.builder()
                .add(Log1p.builder().build())
                .add(Standardizer.builder().build())
                .build().fit(rfm);
        FeatureMatrix z = enc.transform(rfm);
        FeatureMatrix centresInDays = enc.inverseTransform(centres);   // expm1(z * sd + mean)
        // endregion
        assertEquals(0.0, java.util.Arrays.stream(z.column(0)).sum(), 1e-12);
        assertEquals(3, centresInDays.columns());
    }
}
