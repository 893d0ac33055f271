package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.LloydIteration;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints, per Lloyd iteration, how many point-to-centre distances Hamerly's bounds skipped, on uniform data and
 * on overlapping Gaussian segments (the data of {@link KMeansLloydBenchmark}): the counts are deterministic, so
 * they complement the timings of {@code KMeansLloydBenchmark -p data=segments -p iterations=1,2,20,40}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.cluster.BoundsReport [n]}
 */
public final class BoundsReport {
    private BoundsReport() {
    }

    /**
     * Fits k = 8 on n x 8 rows (default 1,000,000) of both data sets and prints the per-iteration counts.
     *
     * @param args optional n
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = 8;
        int k = 8;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        for (String data : new String[] {"uniform", "segments"}) {
            double[] x = data.equals("segments") ? PeerData.segments(n, d, k)
                    : PeerData.uniform("/tmp/peers-data", n, d);
            double[][] init = PeerData.kMeansPlusPlus(x, n, d, k, 12345);
            KMeansModel m = KMeans.builder().initialCentroids(init).nInit(1).tolerance(0).maxIterations(40).build()
                    .fit(FeatureMatrix.of(names, n, x));
            System.out.printf(Locale.ROOT, "%s n=%d k=%d: %d iterations, converged %s%n", data, n, k, m.iterations(),
                    m.converged());
            System.out.println("iteration  reassigned  computed    skipped    skipped/(n k)");
            for (LloydIteration it : m.history()) {
                System.out.printf(Locale.ROOT, "%9d %11d %9d %10d %12.3f%n", it.iteration(), it.reassigned(),
                        it.distancesComputed(), it.distancesSkipped(), it.distancesSkipped() / ((double) n * k));
            }
        }
    }
}
