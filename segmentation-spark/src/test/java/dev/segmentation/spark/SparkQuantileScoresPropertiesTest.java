package dev.segmentation.spark;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinner;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.spark.sql.SparkSession;

/**
 * Quantile scores fitted in Spark equal the single-JVM {@link QuantileBinner} exactly, for columns full of ties
 * (values 0..4 and their negations), any number of bins, either direction and any partitioning.
 */
class SparkQuantileScoresPropertiesTest {
    @AfterContainer
    static void release() {
        SparkTestSession.release(SparkTestSession.start("SparkQuantileScoresPropertiesTest"));
    }

    @Property(tries = 12)
    void edgesEqualTheSingleJvmFit(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = -4, max = 4) Integer> values,
            @ForAll @IntRange(min = 2, max = 7) int bins, @ForAll boolean descending,
            @ForAll @IntRange(min = 1, max = 7) int partitions) {
        SparkSession spark = SparkTestSession.start("SparkQuantileScoresPropertiesTest");
        double[] data = new double[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        FeatureMatrix x = FeatureMatrix.of(List.of("v"), data.length, data);
        QuantileBinner.Builder b = QuantileBinner.builder().bins(bins);
        if (descending) {
            b.descending("v");
        }
        SparkEncodersTest.assertSameEdges(b.build().fit(x), SparkEncoders.quantileScores(
                Matrices.of(spark, x, partitions), List.of("v"), bins, descending ? List.of("v") : List.of()));
    }
}
