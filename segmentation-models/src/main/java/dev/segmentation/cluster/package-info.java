/**
 * Customer segmentation by clustering: k-means ({@link dev.segmentation.cluster.KMeans}), mini-batch k-means
 * for data that arrives in batches ({@link dev.segmentation.cluster.MiniBatchKMeans}), Gaussian mixtures
 * ({@link dev.segmentation.cluster.GaussianMixture}), quality measures
 * ({@link dev.segmentation.cluster.ClusterQuality}), the choice of the number of segments
 * ({@link dev.segmentation.cluster.KSweep}), the customary named RFM segments
 * ({@link dev.segmentation.cluster.RfmSegmenter}) and readable segment profiles in original units
 * ({@link dev.segmentation.cluster.ClusterProfiles}).
 *
 * <p><b>The segmentation seam.</b> {@link dev.segmentation.cluster.Segmenter} (a trainer) and
 * {@link dev.segmentation.cluster.ClusterModel} (a fitted model: k, column names, the segment of a row, a centre
 * per segment) are what the pipeline, the streaming scorer and the command line use; k-means, mini-batch k-means
 * and Gaussian mixtures implement them. To add a clustering model, implement both (here or in its own package);
 * {@link dev.segmentation.cluster.ClusterSummaries} then reports sizes, silhouette and centres for it too.
 *
 * <p><b>Adding a model family</b> touches its own package and one registration line: implement the seam's trainer
 * and model interfaces (and {@link dev.segmentation.FittedModel}) in the family's package, pass the trainer to the
 * pipeline stage, and, to have it saved, register its type once in {@code dev.segmentation.persist}
 * ({@code ModelType.of(name, class, writer, reader)}). The tests' {@code ExampleFamilyTest} does exactly this
 * for a two-segment {@code MedianSplit} defined in a test package.
 *
 * <p>Every trainer follows one shape: a mutable builder, an immutable trainer whose {@code fit} is pure (a new
 * {@link java.util.SplittableRandom} from the seed on each call, so the same trainer and data give
 * bit-identical models), and an immutable, thread-safe fitted model.
 *
 * <p><b>Threads and determinism.</b> Trainers take a {@code threads(int)} option (default 1). Rows are cut into
 * fixed chunks of 4,096 whose boundaries depend only on the number of rows; each chunk produces its own partial
 * statistics (per-centre sums and weights, inertia; or responsibilities' sums and scatter matrices), and the
 * partials are merged in chunk order. The result is therefore bit-identical whatever the number of threads.
 * The pool lives for one {@code fit}. The data pass and the update step are separate, over statistics that
 * merge associatively, so a distributed caller can run the pass per partition and the update on the driver.
 *
 * <p><b>The partition seam (scale-out).</b> For k-means the seam is public: {@link
 * dev.segmentation.cluster.LloydStats#accumulate LloydStats.accumulate(chunk)} is the data pass of one Lloyd
 * iteration over one partition, {@link dev.segmentation.cluster.LloydStats#merge merge} adds two partitions'
 * statistics (associative, with {@link dev.segmentation.cluster.LloydStats#empty empty} as identity; merge in a
 * fixed order, e.g. by partition index, for reproducible results) and {@link
 * dev.segmentation.cluster.LloydStats#centres centres} is the update step, the one {@link
 * dev.segmentation.cluster.KMeans} itself applies to its merged chunk statistics. To add another trainer to the
 * seam, give its per-chunk statistics the same three methods and make the trainer reduce its chunks with them.
 *
 * <p><b>Input.</b> Feature matrices are read in place, never copied. Bad data (NaN or infinite values, no rows,
 * fewer distinct rows than clusters, all rows identical, a row of the wrong width) throws
 * {@link dev.segmentation.InvalidDataException} whose message names the row, the column and the value; bad
 * arguments throw {@link java.lang.IllegalArgumentException} with a message of the form
 * {@code "<param> must be <constraint>, found <value>"}. Non-convergence is not an exception: models report
 * {@code converged()} and {@code iterations()}.
 *
 * <p>Library code never prints; it logs through SLF4J at {@code debug} per iteration and once at {@code info}
 * per fit. Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.cluster;
