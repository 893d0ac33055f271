package dev.segmentation.cluster;

import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.Objects;

/**
 * The segmentation seam's fitted model: anything that puts a row of named feature columns into one of k segments
 * and has a representative point per segment. {@link KMeansModel}, {@link GaussianMixtureModel} and
 * {@link MiniBatchKMeansModel} implement it; {@link Segmenter} is the trainer side. The pipeline
 * ({@code dev.segmentation.pipeline.Segmentation#segments(Segmenter)}), the streaming scorer and the command line
 * use only this interface, so a new clustering model plugs in by implementing it (and registering its type in
 * {@code dev.segmentation.persist} when it must be saved in a bundle).
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface ClusterModel {
    /**
     * Returns the number of segments.
     *
     * @return k, {@code >= 1}
     */
    int k();

    /**
     * Returns the names of the training columns, in their order: the columns {@link #predict(double[])} reads.
     *
     * @return an unmodifiable list of d names
     */
    List<String> columnNames();

    /**
     * Returns the segment of one row.
     *
     * @param row d finite values, positional: value j belongs to {@code columnNames().get(j)}. Not modified.
     * @return the segment, in {@code [0, k)}
     * @throws dev.segmentation.InvalidDataException if the row has another width or a non-finite value
     */
    int predict(double[] row);

    /**
     * Returns the segment of every row of a matrix. The default calls {@link #predict(double[])} row by row
     * after checking the column names; implementations may do the same faster.
     *
     * @param x rows with the training columns' names in their order. Not modified.
     * @return a new array with the segment of each row
     * @throws dev.segmentation.InvalidDataException if x has other columns or a non-finite value
     */
    default int[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        if (!x.names().equals(columnNames())) {
            throw new dev.segmentation.InvalidDataException("x: columns must be " + columnNames() + ", found "
                    + x.names());
        }
        int[] out = new int[x.rows()];
        double[] row = new double[x.columns()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(x.row(i, row));
        }
        return out;
    }

    /**
     * Returns the representative point of every segment in the training columns' space: the centroid of k-means,
     * the mean of a mixture component. The pipeline orders and matches segments by them and the command line maps
     * them back to original units through the encoder's inverse.
     *
     * @return a new k x d array; row c is segment c
     */
    double[][] centres();
}
