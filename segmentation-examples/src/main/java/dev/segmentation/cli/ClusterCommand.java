package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.ClusterSummaries;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import dev.segmentation.internal.CsvSource;
import dev.segmentation.internal.cli.SegmentAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster}: k-means or a Gaussian mixture on numeric CSV columns, optionally after log1p and/or
 * standardization (population sd). Prints JSON: {@code algorithm}, {@code rows}, {@code columns}, {@code k},
 * {@code inertia} (kmeans; in the encoded space the algorithm saw), {@code logLikelihood} and {@code bic} (gmm;
 * total over rows, encoded space), {@code sizes}, {@code centroids} (kmeans) or {@code means} (gmm) as objects
 * column to value in the input's original units, {@code iterations}, {@code converged}, {@code silhouette} (on
 * the encoded rows; sampled with the seed unless {@code --exact-silhouette}; null with fewer than two
 * clusters) and {@code silhouetteSampleSize}. {@code --out FILE} writes CSV {@code row,label}, rows numbered from
 * 0 in input order.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster the rows of a numeric CSV with k-means or a Gaussian mixture; print JSON.")
final class ClusterCommand implements Callable<Integer> {
    /** Rows in the sampled silhouette (scikit-learn users often pick 10,000; O(m^2 d) time). */
    static final int SILHOUETTE_SAMPLE = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Numeric CSV with a header line.")
    Path input;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns (default: every column).")
    List<String> columns;

    @Option(names = "--algorithm", defaultValue = "kmeans", paramLabel = "kmeans|gmm",
            description = "kmeans or gmm. Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of clusters.")
    int k;

    @Option(names = "--n-init", paramLabel = "N",
            description = "Restarts, the best kept (default: the library's, 10 for kmeans, 1 for gmm).")
    Integer nInit;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed. Default: 0.")
    long seed;

    @Option(names = "--log1p", description = "Apply log(1 + x) to every column first (values must be > -1).")
    boolean log1p;

    @Option(names = "--standardize", description = "Standardize every column (after --log1p), population sd.")
    boolean standardize;

    @Option(names = "--covariance", defaultValue = "full", paramLabel = "full|diag|spherical",
            description = "gmm covariance type. Default: ${DEFAULT-VALUE}.")
    String covariance;

    @Option(names = "--exact-silhouette", description = "Exact silhouette on all rows (O(n^2)) instead of a "
            + SILHOUETTE_SAMPLE + "-row sample.")
    boolean exactSilhouette;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads. Default: 1.")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", description = "Write CSV row,label (rows from 0, input order).")
    Path out;

    @Override
    public Integer call() {
        SegmentAlgorithm segments = SegmentAlgorithm.parse(algorithm, covariance,
                spec.commandLine().getParseResult().hasMatchedOption("--covariance"));
        boolean kmeans = segments.kMeans();
        CovarianceType cov = segments.covariance();
        // trainers first: a bad --k or --n-init is a usage error even before the file is read
        KMeans km = null;
        GaussianMixture gm = null;
        if (kmeans) {
            KMeans.Builder b = KMeans.builder().k(k).seed(seed).threads(threads);
            if (nInit != null) {
                b.nInit(nInit);
            }
            km = b.build();
        } else {
            GaussianMixture.Builder b = GaussianMixture.builder().k(k).covariance(cov).seed(seed).threads(threads);
            if (nInit != null) {
                b.nInit(nInit);
            }
            gm = b.build();
        }
        try (OutputFiles outputs = new OutputFiles().input("--input", input)) {
            Path tmp = out == null ? null : outputs.target("--out", out);
            Map<String, Object> json = fitAndDescribe(km, gm, tmp);
            outputs.commit();
            Json.print(spec.commandLine().getOut(), json);
        }
        return 0;
    }

    private Map<String, Object> fitAndDescribe(KMeans km, GaussianMixture gm, Path tmp) {
        boolean kmeans = km != null;
        NumericCsv csv = NumericCsv.read(input, columns);
        FeatureMatrix original = csv.x;
        EncoderPipelineModel encoder = null;
        FeatureMatrix x = original;
        if (log1p || standardize) {
            EncoderPipeline.Builder p = EncoderPipeline.builder();
            if (log1p) {
                p.add(Log1p.builder().build());
            }
            if (standardize) {
                p.add(Standardizer.builder().build());
            }
            try {
                encoder = p.build().fit(original);
                x = encoder.transform(original);
            } catch (InvalidDataException e) {
                throw csv.locate(e);
            }
        }
        requireDistinctRows(original);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("algorithm", algorithm);
        json.put("rows", x.rows());
        json.put("columns", x.names());
        json.put("k", k);
        int[] labels;
        long[] sizes;
        try {
            if (kmeans) {
                KMeansModel m = km.fit(x);
                labels = m.predict(x);
                sizes = m.sizes();
                json.put("inertia", m.inertia());
                json.put("sizes", sizes);
                json.put("centroids", byColumn(ClusterSummaries.centres(m, encoder)));
                json.put("iterations", m.iterations());
                json.put("converged", m.converged());
            } else {
                GaussianMixtureModel m = gm.fit(x);
                labels = m.predict(x);
                sizes = ClusterSummaries.sizes(labels, m.k());
                json.put("logLikelihood", m.logLikelihood());
                json.put("bic", m.bic());
                json.put("aic", m.aic());
                json.put("weights", m.weights());
                json.put("sizes", sizes);
                json.put("means", byColumn(ClusterSummaries.centres(m, encoder)));
                json.put("iterations", m.iterations());
                json.put("converged", m.converged());
            }
        } catch (InvalidDataException e) {
            throw csv.locate(e);
        }
        OptionalDouble silhouette = ClusterSummaries.silhouette(x, labels, k, exactSilhouette, SILHOUETTE_SAMPLE, seed);
        json.put("silhouette", silhouette.isPresent() ? silhouette.getAsDouble() : null);
        json.put("silhouetteSampleSize", silhouette.isPresent()
                ? ClusterSummaries.silhouetteSampleSize(x.rows(), exactSilhouette, SILHOUETTE_SAMPLE) : null);
        if (tmp != null) {
            writeLabels(tmp, labels);
            json.put("out", out.toString());
        }
        return json;
    }

    /**
     * Says in the user's terms what the library would report as "x: distinct rows must be >= 2": at least two
     * distinct rows (and k of them) in the chosen columns.
     */
    private void requireDistinctRows(FeatureMatrix x) {
        int distinct = ClusterSummaries.distinctRows(x, Math.max(2, k));
        if (distinct < 2) {
            throw new InvalidDataException(input + ": rows must differ in the columns " + x.names()
                    + " to be clustered (at least 2 distinct rows), found all " + x.rows() + " rows identical");
        }
        if (distinct < k) {
            throw new InvalidDataException(input + ": --k must be <= the number of distinct rows in the columns "
                    + x.names() + " (" + distinct + "), found " + k);
        }
    }

    /** Centres (already in original units) as objects column to value. */
    private static List<Map<String, Double>> byColumn(FeatureMatrix c) {
        List<Map<String, Double>> list = new ArrayList<>();
        for (int i = 0; i < c.rows(); i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int j = 0; j < c.columns(); j++) {
                m.put(c.name(j), c.get(i, j));
            }
            list.add(m);
        }
        return list;
    }

    private void writeLabels(Path file, int[] labels) {
        try (CsvWriter w = CsvWriter.builder().build(file)) {
            w.writeRecord("row", "label");
            for (int i = 0; i < labels.length; i++) {
                w.writeRecord(Integer.toString(i), Integer.toString(labels[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + CsvSource.reason(file, e), e);
        }
    }
}
