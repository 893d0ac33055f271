package dev.segmentation.churn;

import java.util.List;

/**
 * Labelled dense rows held elsewhere (e.g. by Spark executors) as chunks, for
 * {@link LogisticRegression#fit(LogisticChunks, String)}: the trainer's solvers run on the driver and ask the source for
 * one {@link LogisticMoments} and then, per pass, one {@link LogisticStats} per chunk. The chunks must be fixed
 * (the same rows in the same chunks for every call, each chunk starting at a global row number that is a
 * multiple of {@value LogisticStats#BLOCK}) and the results returned in chunk order: the trainer merges them in
 * that order, so the fit is reproducible bit for bit, whatever runs the chunks.
 *
 * <pre>{@code
 * // per chunk of rows [firstRow, firstRow + n) with labels y (0 or 1) and sample weights sw (or null):
 * LogisticMoments m = LogisticMoments.accumulate(x, p, y, sw, LogisticPass.rowWeights(y, sw, negativeWeight, positiveWeight), 0, firstRow, n, names);
 * LogisticStats s = LogisticStats.accumulate(pass, x, y, pass.rowWeights(y, sw), 0, firstRow, n);
 * }</pre>
 */
public interface LogisticChunks {
    /**
     * Returns the feature column names, in order.
     *
     * @return the names, non-empty
     */
    List<String> names();

    /**
     * Computes every chunk's column moments and weight sums, with each row's loss weight its sample weight times
     * the given class weight of its label ({@link LogisticMoments#accumulate}).
     *
     * @param negativeWeight the class weight of label 0
     * @param positiveWeight the class weight of label 1
     * @return one result per chunk, in chunk order
     * @throws dev.segmentation.InvalidDataException if a label is not 0 or 1 or a value is not finite
     */
    List<LogisticMoments> moments(double negativeWeight, double positiveWeight);

    /**
     * Runs one data pass: every chunk's {@link LogisticStats#accumulate} at the pass's point, with the rows'
     * loss weights from {@link LogisticPass#rowWeights}.
     *
     * @param pass the pass; {@link LogisticPass#description()} names it (e.g. for a job description)
     * @return one result per chunk, in chunk order
     */
    List<LogisticStats> pass(LogisticPass pass);
}
