package dev.segmentation.pipeline;

import dev.segmentation.cluster.ClusterModel;
import java.util.List;

/**
 * A {@link ClusterModel} whose segment {@code c} is renamed {@code newId[c]}: how the summaries stage orders the
 * segments of a model type it cannot rebuild. Immutable and safe for concurrent use. Not API.
 */
final class RelabelledClusterModel implements ClusterModel {
    private final ClusterModel model;
    private final int[] newId;

    RelabelledClusterModel(ClusterModel model, int[] newId) {
        this.model = model;
        this.newId = newId.clone();
    }

    @Override
    public int k() {
        return model.k();
    }

    @Override
    public List<String> columnNames() {
        return model.columnNames();
    }

    @Override
    public int predict(double[] row) {
        return newId[model.predict(row)];
    }

    @Override
    public double[][] centres() {
        double[][] c = model.centres();
        double[][] out = new double[c.length][];
        for (int j = 0; j < c.length; j++) {
            out[newId[j]] = c[j];
        }
        return out;
    }

    @Override
    public String toString() {
        return "RelabelledClusterModel{" + model + "}";
    }
}
