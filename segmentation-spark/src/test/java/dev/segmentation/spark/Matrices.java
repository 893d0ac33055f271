package dev.segmentation.spark;

import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A single-JVM matrix as Spark rows: an {@code id} column ({@code r000000}, ... so that id order is row order),
 * the matrix's columns, and optional extra columns (a label, a weight), in the given number of partitions.
 */
final class Matrices {
    static final String ID = "id";

    private Matrices() {
    }

    static Dataset<Row> of(SparkSession spark, FeatureMatrix x, int partitions) {
        return of(spark, x, List.of(), List.of(), partitions);
    }

    static Dataset<Row> of(SparkSession spark, FeatureMatrix x, List<String> extraNames, List<double[]> extra,
            int partitions) {
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField(ID, DataTypes.StringType, false, Metadata.empty()));
        for (String name : x.names()) {
            fields.add(new StructField(name, DataTypes.DoubleType, false, Metadata.empty()));
        }
        for (String name : extraNames) {
            fields.add(new StructField(name, DataTypes.DoubleType, false, Metadata.empty()));
        }
        List<Row> rows = new ArrayList<>(x.rows());
        for (int i = 0; i < x.rows(); i++) {
            Object[] v = new Object[1 + x.columns() + extra.size()];
            v[0] = String.format("r%07d", i);
            for (int j = 0; j < x.columns(); j++) {
                v[1 + j] = x.get(i, j);
            }
            for (int e = 0; e < extra.size(); e++) {
                v[1 + x.columns() + e] = extra.get(e)[i];
            }
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).repartition(partitions);
    }
}
