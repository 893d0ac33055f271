package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.LloydBounds;
import dev.segmentation.cluster.LloydIteration;
import dev.segmentation.cluster.LloydStats;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-means fitted in Spark: Lloyd's algorithm whose data pass runs over partitions as {@link LloydStats}, with
 * the update step on the driver; the result is an ordinary {@link KMeansModel}.
 *
 * <pre>{@code
 * KMeansModel model = SparkKMeans.fit(KMeans.builder().k(6).seed(42).build(), features, "customer_id",
 *         List.of("recency", "frequency", "monetary"));
 * }</pre>
 *
 * <p><b>Rows.</b> The rows are ordered by the id column (unique; string or integral) and held as fixed chunks of
 * {@link ChunkRunner#CHUNK_ROWS} rows, cached while the fit runs as primitive arrays (a SQL sort; only the few chunks
 * that straddle two sorted partitions are shuffled, as arrays; job
 * {@code segments: k-means: prepare rows}, which also refuses a NaN, an infinite or a too large feature, a null
 * or repeated id, naming the id and the column). The schema (columns present and numeric) is checked before any
 * job.
 *
 * <p><b>Iterations.</b> Every iteration is one job ({@code segments: k-means iteration 7}): each chunk computes
 * {@link LloydStats#accumulate} of its rows against the current centres; the statistics are merged by a fixed
 * two-level tree, the chunks in groups of 16 consecutive chunk indices in chunk order (inside the task when it
 * holds the whole group, else on the driver), then the groups in order, each task returning one array of doubles;
 * the driver moves the centres with {@link LloydStats#centres}, centred on the column means as the single-JVM fit.
 * The stopping rules are those of {@link KMeans}: the assignment did not change (detected as merged statistics equal
 * to the previous iteration's, bit for bit: the same rows in the same chunks give the same sums), or the total
 * squared centre shift is at most {@code tolerance} times the mean column variance, or {@code maxIterations}; a
 * final pass then gives the inertia and sizes of the returned centres. Because chunks are fixed by row number and
 * the merge tree by chunk index, the model is bit-identical for any number and order of input partitions. From the
 * same starting centres it equals the single-JVM {@code KMeans.fit} of the matrix in id order: the same iterations,
 * centres to about 1e-15 relative (the single-JVM fit merges its chunks in one chain and updates its sums
 * incrementally by the rows that move, this one recomputes them and merges by groups, so they differ in the last
 * bits) and the inertia to rounding.
 *
 * <p><b>Speed.</b> Each cached chunk keeps its {@link LloydBounds} between iterations, which spare the distances that
 * the centres' moves cannot have changed. In executors started with {@code --add-modules jdk.incubator.vector}
 * (Spark's {@code spark.executor.extraJavaOptions} and, for {@code local[*]}, the driver's JVM options) and with 8
 * feature columns, the chunk passes use the library's vector kernel and run plain (every distance, from the chunk's
 * rows kept transposed: one more copy of the cached rows in the executor's heap) until the bounds would spare most
 * distances: on the benchmark's 1 M x 8 uniform rows, a quarter to a third less task CPU per iteration. Without the module
 * the passes are scalar and nothing more is kept; the model is the same bit for bit either way.
 *
 * <p><b>Seeding.</b> With {@link KMeans.Builder#initialCentroids} the fit starts from those centres. Otherwise
 * the trainer itself ({@code nInit} k-means++ restarts and Lloyd, best inertia kept) is run on the driver over a
 * sample of at most {@value #SEED_SAMPLE} rows, every {@code ceil(n / SEED_SAMPLE)}-th row in id order (so the
 * same for any partitioning), and its centres start the distributed iterations. With at most
 * {@value #SEED_SAMPLE} rows the sample is the whole data. The seeding sample is unweighted (sample weights
 * enter the Lloyd iterations only).
 *
 * <p><b>Differences from the single-JVM fit.</b> An empty cluster is not re-seeded: the fit stops with an
 * {@link InvalidDataException} naming the cluster and iteration (start from other centres or lower k). The
 * history's {@code reassigned} is {@code sum_c |N_c - N'_c| / 2} over the cluster sizes of two consecutive
 * iterations, a lower bound of the rows that changed centre (0 exactly when the sizes did not change). Its
 * {@code distancesComputed} and {@code distancesSkipped} count what each chunk's bounds spared (a chunk that Spark
 * recomputed after losing its cached copy starts without bounds and computes every distance once more). The model records no data fingerprint (0), and its training
 * row count is capped at {@link Integer#MAX_VALUE}. No distinct-row check is made beyond the seeding sample's.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkKMeans {
    /** The largest number of rows the k-means++ seeding runs on (on the driver). */
    public static final int SEED_SAMPLE = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(SparkKMeans.class);
    private static final String STAGE = "segments: k-means";

    private SparkKMeans() {
    }

    /**
     * Fits k-means with unit weights.
     *
     * @param trainer the settings (k, restarts, iterations, tolerance, seed or starting centres); not null
     * @param rows the rows; not null
     * @param id the unique id column that orders the rows; not null
     * @param columns the feature columns, in model order, non-empty; not null
     * @return the fitted model
     * @throws InvalidDataException if a column is missing or not numeric (before any job), the data hold a NaN,
     *     infinite or too large value or a null or repeated id, there are no rows, the starting centres' width is
     *     not the number of columns, or a cluster becomes empty
     */
    public static KMeansModel fit(KMeans trainer, Dataset<Row> rows, String id, List<String> columns) {
        return fit(trainer, rows, id, columns, null);
    }

    /**
     * Fits k-means with sample weights, as {@link KMeans#fit(FeatureMatrix, double[])}.
     *
     * @param trainer the settings; not null
     * @param rows the rows; not null
     * @param id the unique id column that orders the rows; not null
     * @param columns the feature columns, in model order, non-empty; not null
     * @param weight the weight column (every value {@code > 0} and finite), or null for unit weights
     * @return the fitted model
     * @throws InvalidDataException as {@link #fit(KMeans, Dataset, String, List)}, or if a weight is not positive
     *     and finite
     */
    public static KMeansModel fit(KMeans trainer, Dataset<Row> rows, String id, List<String> columns, String weight) {
        Objects.requireNonNull(trainer, "trainer");
        try (FeatureBlocks blocks = FeatureBlocks.of(STAGE, rows, id, columns, null, weight)) {
            return fit(trainer, blocks);
        }
    }

    static KMeansModel fit(KMeans trainer, FeatureBlocks blocks) {
        long n = blocks.rows();
        int d = blocks.names().size();
        int k = trainer.k();
        if (n == 0) {
            throw new InvalidDataException("x: rows must be >= 1, found 0", -1, null, null);
        }
        double[][] given = trainer.initialCentroids();
        if (given != null && given[0].length != d) {
            throw new InvalidDataException("x: columns must be " + given[0].length
                    + " (the width of initialCentroids), found " + d, -1, null, null);
        }
        // the reference point (column means) and the tolerance scale (mean column variance), in chunk order
        double[] sums = new double[d];
        for (double[] s : blocks.map(STAGE + ": column moments", b -> {
            double[] m = new double[d];
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < d; j++) {
                    m[j] += b.x[i * d + j];
                }
            }
            return m;
        })) {
            for (int j = 0; j < d; j++) {
                sums[j] += s[j];
            }
        }
        double[] ref = new double[d];
        for (int j = 0; j < d; j++) {
            ref[j] = sums[j] / n;
        }
        double toleranceAbs = 0;
        if (trainer.tolerance() > 0) {
            double ss = 0;
            for (double s : blocks.map(STAGE + ": column moments", b -> {
                double q = 0;
                for (int i = 0; i < b.n; i++) {
                    for (int j = 0; j < d; j++) {
                        double t = b.x[i * d + j] - ref[j];
                        q += t * t;
                    }
                }
                return q;
            })) {
                ss += s;
            }
            toleranceAbs = trainer.tolerance() * (ss / ((double) n * d));
        }
        double[] centres = given != null ? flatten(given) : seed(trainer, blocks);
        List<LloydIteration> history = new ArrayList<>();
        LloydStats previous = null;
        LloydStats last = null;
        boolean strict = false;
        boolean converged = false;
        int it = 0;
        while (it < trainer.maxIterations()) {
            it++;
            LloydStats pass = pass(blocks, centres, k, ref, STAGE + " iteration " + it);
            long[] counts = pass.counts();
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    throw new InvalidDataException("segments: k-means cluster " + c + " is empty at iteration " + it
                            + "; the Spark fit does not re-seed empty clusters: start from other centres or lower k",
                            -1, null, null);
                }
            }
            double[] updated = pass.centres(null, ref);
            double moved = 0;
            for (int c = 0; c < k; c++) {
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double t = updated[c * d + j] - centres[c * d + j];
                    s2 += t * t;
                }
                moved += s2;
            }
            long reassigned = previous == null ? n : sizeChanges(previous.counts(), counts);
            long[] distances = LloydBounds.distanceCounts(pass);
            history.add(new LloydIteration(it, pass.inertia(), moved, reassigned, distances[0], distances[1]));
            LOG.debug("Spark k-means iteration {}: inertia {}, centre shift {}", it, pass.inertia(), moved);
            last = pass;
            if (previous != null && sameAssignment(previous, pass)) {
                strict = true;
                converged = true;
                break;
            }
            previous = pass;
            centres = updated;
            if (moved <= toleranceAbs) {
                converged = true;
                break;
            }
        }
        LloydStats exact = strict ? last : pass(blocks, centres, k, ref, STAGE + " final assignment");
        List<String> names = blocks.names();
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        double[] objective = history.stream().mapToDouble(LloydIteration::inertia).toArray();
        LOG.info("Spark k-means fit: n={}, d={}, k={}: inertia {} after {} iterations (converged: {})", n, d, k,
                exact.inertia(), it, converged);
        return KMeansModel.of(names, centroids, exact.inertia(), it, converged, exact.counts(), history,
                trainer.toString(), (int) Math.min(n, Integer.MAX_VALUE), 0L)
                .withProvenance(Provenance.builder(trainer).setting("engine", "spark").rows(n).columns(names)
                        .iterations(it, converged).objectiveHistory(objective).build());
    }

    /**
     * One assignment pass: the chunks' statistics merged by {@link LloydGroups}' fixed two-level tree (chunks in
     * groups of {@link LloydGroups#GROUP} in chunk order, mostly inside the tasks, then the groups in order), one
     * array of doubles per task. Each chunk's statistics are {@link LloydStats#accumulate}'s bit for bit; its
     * {@link dev.segmentation.cluster.LloydBounds}, kept with the cached chunk, spare the distances that the
     * centres' moves since the last pass cannot have changed.
     */
    private static LloydStats pass(FeatureBlocks blocks, double[] centres, int k, double[] ref, String description) {
        int d = blocks.names().size();
        int chunks = blocks.chunks();
        List<double[]> parts = blocks.mapTasks(description, it -> {
            List<LloydStats> stats = new ArrayList<>();
            int[] index = new int[16];
            while (it.hasNext()) {
                FeatureBlocks.Block b = it.next();
                if (stats.size() == index.length) {
                    index = Arrays.copyOf(index, 2 * index.length);
                }
                index[stats.size()] = b.chunk;
                stats.add(b.bounds().accumulate(b.x, b.n, d, b.w, centres, k, ref));
            }
            return LloydGroups.ofTask(index, stats.toArray(new LloydStats[0]), stats.size(), chunks, k, d);
        });
        return LloydGroups.total(parts, chunks, k, d);
    }

    private static boolean sameAssignment(LloydStats a, LloydStats b) {
        return Arrays.equals(a.counts(), b.counts()) && Arrays.equals(a.weights(), b.weights())
                && Arrays.equals(a.sums(), b.sums()) && Arrays.equals(a.squares(), b.squares());
    }

    private static long sizeChanges(long[] before, long[] after) {
        long total = 0;
        for (int c = 0; c < before.length; c++) {
            total += Math.abs(after[c] - before[c]);
        }
        return total / 2;
    }

    /** k-means++ (the trainer's restarts and Lloyd) on every ceil(n / SEED_SAMPLE)-th row, on the driver. */
    private static double[] seed(KMeans trainer, FeatureBlocks blocks) {
        long n = blocks.rows();
        int d = blocks.names().size();
        long step = (n + SEED_SAMPLE - 1) / SEED_SAMPLE;
        List<double[]> parts = blocks.map(STAGE + ": seeding sample", b -> {
            long first = b.rowsBefore;
            double[] out = new double[0];
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < b.n; i++) {
                if ((first + i) % step == 0) {
                    for (int j = 0; j < d; j++) {
                        values.add(b.x[i * d + j]);
                    }
                }
            }
            out = new double[values.size()];
            for (int v = 0; v < out.length; v++) {
                out[v] = values.get(v);
            }
            return out;
        });
        int total = 0;
        for (double[] p : parts) {
            total += p.length;
        }
        double[] sample = new double[total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, sample, at, p.length);
            at += p.length;
        }
        FeatureMatrix x = FeatureMatrix.of(blocks.names(), total / d, sample);
        KMeansModel seeded = trainer.fit(x);
        return flatten(seeded.centroidArray());
    }

    private static double[] flatten(double[][] c) {
        int d = c[0].length;
        double[] out = new double[c.length * d];
        for (int i = 0; i < c.length; i++) {
            System.arraycopy(c[i], 0, out, i * d, d);
        }
        return out;
    }
}
