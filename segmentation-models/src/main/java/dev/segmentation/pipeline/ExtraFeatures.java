package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated per-customer extra features of {@link Segmentation#extraFeatures(String[], FeatureMatrix)}, joined
 * by customer id. A customer absent from the table gets {@value #FILL} in every extra column. Package-private.
 */
final class ExtraFeatures {
    /** The value of every extra column for a customer absent from the table. */
    static final double FILL = 0.0;

    private final FeatureMatrix matrix;
    private final Map<String, Integer> rowOf;

    private ExtraFeatures(FeatureMatrix matrix, Map<String, Integer> rowOf) {
        this.matrix = matrix;
        this.rowOf = rowOf;
    }

    /**
     * Checks the table: one id per row, ids non-null and distinct, values finite.
     *
     * @throws IllegalArgumentException if the lengths differ
     * @throws InvalidDataException naming the row, the column and the value
     */
    static ExtraFeatures of(String[] ids, FeatureMatrix matrix) {
        if (ids.length != matrix.rows()) {
            throw new IllegalArgumentException("extraFeatures customerIds length must be the matrix rows "
                    + matrix.rows() + ", found " + ids.length);
        }
        Map<String, Integer> rowOf = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                throw new InvalidDataException("extraFeatures row " + i + ", column customer_id: id must not be "
                        + "null", i, "customer_id", null);
            }
            if (rowOf.putIfAbsent(ids[i], i) != null) {
                throw new InvalidDataException("extraFeatures row " + i + ", column customer_id: id must be unique, "
                        + "found \"" + ids[i] + "\" twice", i, "customer_id", null);
            }
            for (int j = 0; j < matrix.columns(); j++) {
                double v = matrix.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException("extraFeatures row " + i + ", column " + matrix.name(j)
                            + ": value must be finite, found " + v, i, matrix.name(j), null);
                }
            }
        }
        return new ExtraFeatures(matrix, rowOf);
    }

    List<String> names() {
        return matrix.names();
    }

    int columns() {
        return matrix.columns();
    }

    /**
     * Refuses an extra column named like an existing feature.
     *
     * @throws IllegalArgumentException naming the first clash
     */
    void checkNames(List<String> existing, String what) {
        for (String name : matrix.names()) {
            if (existing.contains(name)) {
                throw new IllegalArgumentException("extraFeatures names must differ from the " + what + " "
                        + existing + ", found \"" + name + "\"");
            }
        }
    }

    /** Writes a customer's extra values into {@code out[offset..]}, {@link #FILL} when absent. */
    void write(String id, double[] out, int offset) {
        Integer r = rowOf.get(id);
        for (int j = 0; j < matrix.columns(); j++) {
            out[offset + j] = r == null ? FILL : matrix.get(r, j);
        }
    }

    /** The base matrix with the extra columns appended, rows joined by id. */
    FeatureMatrix appendTo(FeatureMatrix base, List<String> ids) {
        int d0 = base.columns();
        int d = d0 + matrix.columns();
        int n = base.rows();
        double[] data = new double[n * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            base.row(i, row);
            write(ids.get(i), row, d0);
            System.arraycopy(row, 0, data, i * d, d);
        }
        List<String> names = new ArrayList<>(base.names());
        names.addAll(matrix.names());
        return FeatureMatrix.of(names, n, data);
    }
}
