package dev.segmentation.examplefamily;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.internal.ParamChecks;
import java.util.List;
import java.util.Objects;

/** Segment 1 when the column is above the threshold, else 0. Immutable and safe for concurrent use. */
public final class MedianSplitModel implements ClusterModel, FittedModel {
    private final List<String> names;
    private final int column;
    private final double threshold;
    private final double[][] centres;
    private final Provenance provenance;

    private MedianSplitModel(List<String> names, int column, double threshold, double[][] centres,
            Provenance provenance) {
        this.names = names;
        this.column = column;
        this.threshold = threshold;
        this.centres = centres;
        this.provenance = provenance;
    }

    /**
     * A model from its values (the reader of its file fields).
     *
     * @param names the column names. Not modified.
     * @param column the split column, in range
     * @param threshold the split value, finite
     * @param centres two centres of {@code names.size()} finite values. Not modified.
     * @return the model
     */
    public static MedianSplitModel of(List<String> names, int column, double threshold, double[][] centres) {
        List<String> n = List.copyOf(names);
        ParamChecks.requireArgument(column >= 0 && column < n.size(), "column must be in [0, %s), found %s",
                n.size(), column);
        ParamChecks.requireArgument(centres.length == 2, "centres must have 2 rows, found %s", centres.length);
        double[][] c = {ParamChecks.finite("centres[0]", centres[0], n.size(), "one per column"),
            ParamChecks.finite("centres[1]", centres[1], n.size(), "one per column")};
        return new MedianSplitModel(n, column, ParamChecks.finite("threshold", threshold), c, Provenance.notRecorded());
    }

    /** Writes the fields that {@link #of} reads (its own package's terms; the registry adds type and version). */
    public static void write(MedianSplitModel m, ObjectNode out) {
        ArrayNode names = out.putArray("names");
        m.names.forEach(names::add);
        out.put("column", m.column);
        out.put("threshold", m.threshold);
        ArrayNode centres = out.putArray("centres");
        for (double[] c : m.centres) {
            ArrayNode a = centres.addArray();
            for (double v : c) {
                a.add(v);
            }
        }
    }

    @Override
    public int k() {
        return 2;
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public int predict(double[] row) {
        return row[column] > threshold ? 1 : 0;
    }

    @Override
    public double[][] centres() {
        return new double[][] {centres[0].clone(), centres[1].clone()};
    }

    /**
     * Returns the split value.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public MedianSplitModel withProvenance(Provenance p) {
        return new MedianSplitModel(names, column, threshold, centres, Objects.requireNonNull(p, "provenance"));
    }
}
