package dev.segmentation.bench.recommend;

import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.InteractionMatrix;

/** This library's {@link ImplicitAls} (Cholesky row solves, no early stop) as an {@link AlsPeer}. */
public final class SegmentationAlsPeer implements AlsPeer {
    private InteractionMatrix matrix;
    private ImplicitAls trainer;
    private ImplicitAlsModel model;

    /** Creates an unprepared peer (looked up by class name). */
    public SegmentationAlsPeer() {
    }

    @Override
    public void prepare(InteractionMatrix matrix, int factors, double l2, double alpha, int iterations, int threads) {
        this.matrix = matrix;
        this.trainer = ImplicitAls.builder().factors(factors).l2(l2).l2ScaledByCount(true).alpha(alpha)
                .iterations(iterations).tolerance(0).threads(threads).build();
    }

    @Override
    public Object fit() {
        model = trainer.fit(matrix);
        return model;
    }

    @Override
    public int[][] recommend(int[] users, int n) {
        return model.recommendAll(users, n, false, 1);
    }
}
