package dev.segmentation.bench.recommend;

import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.InteractionMatrix;

/**
 * This library's {@link ImplicitAls} (no early stop) as an {@link AlsPeer}: exact Cholesky row solves, or
 * {@link Cg} for three conjugate-gradient steps per row.
 */
public class SegmentationAlsPeer implements AlsPeer {
    private final ImplicitAls.Solver solver;
    private InteractionMatrix matrix;
    private ImplicitAls trainer;
    private ImplicitAlsModel model;

    /** Creates an unprepared peer (looked up by class name). */
    public SegmentationAlsPeer() {
        this(ImplicitAls.Solver.CHOLESKY);
    }

    SegmentationAlsPeer(ImplicitAls.Solver solver) {
        this.solver = solver;
    }

    /** The conjugate-gradient variant ({@code impl = segmentation-cg}). */
    public static final class Cg extends SegmentationAlsPeer {
        /** Creates an unprepared peer (looked up by class name). */
        public Cg() {
            super(ImplicitAls.Solver.CONJUGATE_GRADIENT);
        }
    }

    @Override
    public final void prepare(InteractionMatrix matrix, int factors, double l2, double alpha, int iterations, int threads) {
        this.matrix = matrix;
        this.trainer = ImplicitAls.builder().factors(factors).l2(l2).l2ScaledByCount(true).alpha(alpha)
                .iterations(iterations).tolerance(0).solver(solver).threads(threads).build();
    }

    @Override
    public final Object fit() {
        model = trainer.fit(matrix);
        return model;
    }

    @Override
    public final int[][] recommend(int[] users, int n) {
        return model.recommendAll(users, n, false, 1);
    }
}
