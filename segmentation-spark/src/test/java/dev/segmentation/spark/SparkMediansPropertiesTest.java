package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Issue 21: the segments' medians from primitive counts ({@link SparkQuantiles#medians}) equal Spark's
 * {@code percentile(column, 0.5)} grouped by segment bit for bit: columns full of ties (a double in steps of a third,
 * so that interpolated medians are inexact, an int, and a double with nulls), groups of odd and even sizes, a group
 * without rows or without non-null values (NaN), any partitioning.
 */
class SparkMediansPropertiesTest {
    private static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField("segment", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("x", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("n", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("y", DataTypes.DoubleType, true, Metadata.empty())});

    @AfterContainer
    static void release() {
        SparkTestSession.release(SparkTestSession.start("SparkMediansPropertiesTest"));
    }

    @Property(tries = 12)
    void mediansEqualSparksPercentile(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = -9, max = 9) Integer> values,
            @ForAll @IntRange(min = 1, max = 5) int partitions) {
        SparkSession spark = SparkTestSession.start("SparkMediansPropertiesTest");
        int groups = 4; // group 3 never has a row
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int v = values.get(i);
            int g = Math.floorMod(v * 7 + i, 3);
            rows.add(RowFactory.create(g, v / 3.0, v * v, g == 2 || v % 4 == 0 ? null : v * 1.1));
        }
        Dataset<Row> data = spark.createDataFrame(rows, SCHEMA).repartition(partitions);
        List<String> columns = List.of("x", "n", "y");
        double[][] actual = SparkQuantiles.medians(data, "segment", groups, columns, "medians");
        double[][] expected = new double[groups][columns.size()];
        for (double[] g : expected) {
            java.util.Arrays.fill(g, Double.NaN);
        }
        for (Row r : data.groupBy("segment").agg(
                functions.percentile(functions.col("x").cast("double"), functions.lit(0.5)),
                functions.percentile(functions.col("n").cast("double"), functions.lit(0.5)),
                functions.percentile(functions.col("y").cast("double"), functions.lit(0.5))).collectAsList()) {
            for (int j = 0; j < columns.size(); j++) {
                expected[r.getInt(0)][j] = r.isNullAt(1 + j) ? Double.NaN : r.getDouble(1 + j);
            }
        }
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < columns.size(); j++) {
                assertEquals(Double.doubleToLongBits(expected[g][j]), Double.doubleToLongBits(actual[g][j]),
                        "group " + g + " column " + columns.get(j) + ": " + expected[g][j] + " vs " + actual[g][j]);
            }
        }
    }
}
