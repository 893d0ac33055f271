package dev.segmentation.persist;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.churn.SparseLogisticRegressionModel;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.MiniBatchKMeans;
import dev.segmentation.cluster.MiniBatchKMeansModel;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.drift.PopulationStability;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.FeatureTransform;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.MinMaxScaler;
import dev.segmentation.features.OneHotEncoder;
import dev.segmentation.features.OneHotEncoderModel;
import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.RobustScaler;
import dev.segmentation.features.Standardizer;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.SegmentPopularity;
import dev.segmentation.recommend.SegmentPopularityModel;
import dev.segmentation.recommend.Recommender;
import dev.segmentation.text.ComplementNaiveBayes;
import dev.segmentation.text.CountVectorizer;
import dev.segmentation.text.CountVectorizerModel;
import dev.segmentation.text.MultinomialNaiveBayes;
import dev.segmentation.text.MultinomialNaiveBayesModel;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.text.TfIdf;
import dev.segmentation.text.TfIdfModel;
import dev.segmentation.text.Tokenizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One case per persistable model type: how to fit it (optionally with a thread count) on a fixed synthetic data
 * set, and how to score it on fixed inputs. Shared by the persistence tests and the model contract suite.
 */
final class ModelCases {
    /** The fixed data: 240 rows of (recency, frequency, monetary), three blobs, all positive. */
    static final FeatureMatrix X = data(240, 42);
    /** Fixed churn labels for {@link #X}. */
    static final int[] Y = labels(X);
    /** Inputs scored by every case, other than the training rows. */
    static final FeatureMatrix PROBE = data(64, 7);

    private ModelCases() {
    }

    /**
     * A model type's case.
     *
     * @param type the format's type name
     * @param fit fits the model with the given number of threads (ignored where the trainer has none)
     * @param threaded whether the trainer has a thread option
     * @param score scores the model on {@link #PROBE}
     */
    record Case(String type, IntFunction<Object> fit, boolean threaded, Function<Object, double[]> score) {
        @Override
        public String toString() {
            return type;
        }
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("standardizer", t -> Standardizer.builder().build().fit(X), false, ModelCases::transform));
        c.add(new Case("min-max-scaler", t -> MinMaxScaler.builder().range(-1, 1).build().fit(X), false,
                ModelCases::transform));
        c.add(new Case("robust-scaler", t -> RobustScaler.builder().build().fit(X), false, ModelCases::transform));
        c.add(new Case("log1p", t -> Log1p.builder().columns("frequency", "monetary").build().fit(X), false,
                ModelCases::transform));
        c.add(new Case("quantile-binner", t -> QuantileBinner.builder().columns("recency", "monetary").bins(4)
                .descending("recency").build().fit(X), false, ModelCases::transform));
        c.add(new Case("one-hot-encoder", t -> OneHotEncoder.builder().column("tier").dropFirst(true).build()
                .fit(tiers(X)), false, m -> ((OneHotEncoderModel) m).transform(tiers(PROBE)).toArray()));
        c.add(new Case("encoder-pipeline", t -> EncoderPipeline.builder()
                .add(Log1p.builder().columns("monetary").build()).add(Standardizer.builder().build()).build().fit(X),
                false, ModelCases::transform));
        c.add(new Case("kmeans", t -> KMeans.builder().k(3).seed(11).threads(t).build().fit(X), true,
                m -> ints(((KMeansModel) m).predict(PROBE))));
        c.add(new Case("mini-batch-kmeans", t -> {
            MiniBatchKMeans mb = MiniBatchKMeans.builder().k(3).seed(11).threads(t).build();
            MiniBatchKMeansModel m = mb.partialFit(X);
            return mb.partialFit(m, PROBE);
        }, true, m -> {
            int[] out = new int[PROBE.rows()];
            ((MiniBatchKMeansModel) m).predict(PROBE, out);
            return ints(out);
        }));
        for (CovarianceType type : CovarianceType.values()) {
            c.add(new Case("gaussian-mixture-" + type.name().toLowerCase(java.util.Locale.ROOT), t -> GaussianMixture
                    .builder().k(3).covariance(type).seed(5).threads(t).build().fit(X), true, m -> {
                        GaussianMixtureModel g = (GaussianMixtureModel) m;
                        double[] out = g.predictProba(PROBE).toArray();
                        double[] dens = new double[PROBE.rows()];
                        for (int i = 0; i < dens.length; i++) {
                            dens[i] = g.logDensity(PROBE.row(i, null));
                        }
                        return concat(out, dens);
                    }));
        }
        c.add(new Case("rfm-segmenter", t -> RfmSegmenter.builder().columns("recency", "frequency", "monetary")
                .build().fit(X), false, m -> {
                    RfmSegmenterModel r = (RfmSegmenterModel) m;
                    double[] out = new double[PROBE.rows()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = r.names().indexOf(r.segment(PROBE.get(i, 0), PROBE.get(i, 1), PROBE.get(i, 2)));
                    }
                    return out;
                }));
        // Published CDNOW estimates (Fader, Hardie and Lee 2005; Fader, Hardie and Lee 2005b for Gamma-Gamma).
        c.add(new Case("bgnbd", t -> BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7)), false,
                ModelCases::btyd));
        c.add(new Case("modified-bgnbd", t -> ModifiedBgNbdModel.of(0.2526, 4.0880, 0.8596, 4.8490,
                Duration.ofDays(7)), false, ModelCases::btyd));
        c.add(new Case("pareto-nbd", t -> ParetoNbdModel.of(0.5533, 10.5776, 0.6061, 11.6693, Duration.ofDays(7)),
                false, ModelCases::btyd));
        c.add(new Case("gamma-gamma", t -> GammaGammaModel.of(6.25, 3.74, 15.44), false, m -> {
            GammaGammaModel g = (GammaGammaModel) m;
            double[] out = new double[PROBE.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = g.conditionalExpectedAverageSpend(Math.floor(PROBE.get(i, 1)), PROBE.get(i, 2));
            }
            return out;
        }));
        c.add(new Case("logistic-regression", t -> LogisticRegression.builder().threads(t).build().fit(X, Y), true,
                m -> ((LogisticRegressionModel) m).predictProbabilities(PROBE)));
        c.add(new Case("count-vectorizer", t -> CountVectorizer.builder().tokenizer(Tokenizer.builder().ngrams(2)
                .build()).build().fit(TEXTS), false, m -> dense(((CountVectorizerModel) m).transform(PROBE_TEXTS))));
        c.add(new Case("tfidf", t -> TfIdf.builder().build().fit(counts(TEXTS)), false,
                m -> dense(((TfIdfModel) m).transform(counts(PROBE_TEXTS)))));
        c.add(new Case("naive-bayes", t -> MultinomialNaiveBayes.builder().alpha(0.5).build().fit(counts(TEXTS),
                TEXT_LABELS), false, m -> flat(((MultinomialNaiveBayesModel) m).jointLogLikelihoods(
                        counts(PROBE_TEXTS)))));
        c.add(new Case("complement-naive-bayes", t -> ComplementNaiveBayes.builder().build().fit(counts(TEXTS),
                TEXT_LABELS), false, m -> flat(((MultinomialNaiveBayesModel) m).jointLogLikelihoods(
                        counts(PROBE_TEXTS)))));
        c.add(new Case("popularity", t -> Popularity.builder().build().fit(INTERACTIONS), false,
                m -> recommendations((Recommender) m)));
        c.add(new Case("item-knn", t -> ItemKnn.builder().neighbors(4).threads(t).build().fit(INTERACTIONS), true,
                m -> recommendations((Recommender) m)));
        c.add(new Case("implicit-als", t -> ImplicitAls.builder().factors(3).iterations(4).seed(9).threads(t)
                .solver(ImplicitAls.Solver.CHOLESKY).build()
                .fit(INTERACTIONS), true, m -> concat(recommendations((Recommender) m),
                        flat(new double[][] {((ImplicitAlsModel) m).userFactors(0),
                            ((ImplicitAlsModel) m).itemFactors(11)}))));
        c.add(new Case("segment-popularity", t -> SegmentPopularity.builder().build().fit(INTERACTIONS,
                java.util.stream.IntStream.range(0, 40).map(u -> u % 7 == 6 ? -1 : u % 3).toArray()), false, m -> {
                    SegmentPopularityModel s = (SegmentPopularityModel) m;
                    return concat(recommendations(s), concat(ints(s.recommendSegment(1, 5)),
                            ints(s.recommendSegment(7, 5))));
                }));
        c.add(new Case("sparse-logistic-regression", t -> LogisticRegression.builder().l2(0.5).build()
                .fit(counts(TEXTS), TEXT_LABELS), false, m -> ((SparseLogisticRegressionModel) m)
                        .predictLogOdds(counts(PROBE_TEXTS))));
        // a pipeline result's models saved together: encoder, segmenter, churn model, BTYD and spend models
        c.add(new Case("bundle", t -> ModelBundle.builder()
                .put("encoder", Standardizer.builder().build().fit(X))
                .put("segments", KMeans.builder().k(3).seed(11).build().fit(Standardizer.builder().build().fit(X)
                        .transform(X)))
                .put("churn", LogisticRegression.builder().build().fit(X, Y))
                .put("clv", BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7)))
                .put("spend", GammaGammaModel.of(6.25, 3.74, 15.44)).build(), false, m -> {
                    ModelBundle b = (ModelBundle) m;
                    FeatureMatrix z = b.get("encoder", dev.segmentation.features.StandardizerModel.class)
                            .transform(PROBE);
                    return concat(concat(ints(b.get("segments", KMeansModel.class).predict(z)),
                            b.get("churn", LogisticRegressionModel.class).predictProbabilities(PROBE)),
                            btyd(b.get("clv", BgNbdModel.class)));
                }));
        c.add(new Case("population-stability", t -> PopulationStability.builder().bins(5).build().fit(X), false,
                m -> {
                    PopulationStabilityModel p = (PopulationStabilityModel) m;
                    return concat(p.shares(), p.compare(PROBE).psi());
                }));
        c.add(new Case("segment-catalog", t -> catalog(), false, m -> {
            SegmentCatalog cat = (SegmentCatalog) m;
            double[] out = new double[0];
            for (SegmentCatalog.Entry e : cat.segments()) {
                out = concat(out, concat(e.centre(), new double[] {e.id(), e.share()}));
            }
            return concat(out, ints(cat.labels()));
        }));
        return c;
    }

    /** A catalog of three segments over the columns of {@link #X}, with k-means labels of its first rows. */
    private static SegmentCatalog catalog() {
        KMeansModel km = KMeans.builder().k(3).seed(11).build().fit(X);
        int[] labels = km.predict(X);
        String[] ids = new String[20];
        int[] first = new int[20];
        for (int i = 0; i < 20; i++) {
            ids[i] = "c" + i;
            first[i] = labels[i];
        }
        double[][] centres = km.centroidArray();
        List<SegmentCatalog.Entry> entries = List.of(
                new SegmentCatalog.Entry(0, "Champions", "Champions", "reward", 0.25, centres[0]),
                new SegmentCatalog.Entry(1, "Recent one-time buyers", "", "nurture", 0.5, centres[1]),
                new SegmentCatalog.Entry(2, "Lost", "Lost", "let go", 0.25, centres[2]));
        return SegmentCatalog.of(X.names(), entries, ids, first, "2011-12-10", 90, "P1Y", 0.1, 10,
                new String[] {"c0", "c1", "c2"}, new String[] {"85123A", "71053"});
    }

    /** 40 customers x 12 items, each customer buying 1 to 5 items of a preferred block, with weights. */
    private static final InteractionMatrix INTERACTIONS = interactions();

    private static InteractionMatrix interactions() {
        SplittableRandom rnd = new SplittableRandom(21);
        int customers = 40;
        int items = 12;
        int[] rowPtr = new int[customers + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int u = 0; u < customers; u++) {
            java.util.TreeSet<Integer> bought = new java.util.TreeSet<>();
            int n = 1 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                bought.add(((u % 3) * 4 + rnd.nextInt(5)) % items);
            }
            for (int j : bought) {
                cols.add(j);
                vals.add(1.0 + rnd.nextInt(3));
            }
            rowPtr[u + 1] = cols.size();
        }
        return InteractionMatrix.of(customers, items, rowPtr, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] recommendations(Recommender r) {
        List<Double> out = new ArrayList<>();
        for (int u = -1; u <= 40; u++) {
            for (int j : r.recommend(u, 5, true)) {
                out.add((double) j);
            }
            out.add(-1.0);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final List<String> TEXTS = List.of("great product fast delivery", "terrible product broke fast",
            "great value great quality", "awful delivery never again", "quality product would buy again",
            "broke after a week terrible");
    private static final int[] TEXT_LABELS = {1, 0, 1, 0, 1, 0};
    private static final List<String> PROBE_TEXTS = List.of("great quality fast", "terrible delivery broke",
            "unseen words only");

    private static SparseMatrix counts(List<String> texts) {
        return CountVectorizer.builder().build().fit(TEXTS).transform(texts);
    }

    private static double[] dense(SparseMatrix x) {
        double[] out = new double[x.rows() * x.columns()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                out[i * x.columns() + j] = x.get(i, j);
            }
        }
        return out;
    }

    private static double[] flat(double[][] v) {
        return java.util.Arrays.stream(v).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] transform(Object m) {
        return ((FeatureTransform) m).transform(PROBE).toArray();
    }

    private static double[] btyd(Object m) {
        BtydModel b = (BtydModel) m;
        double[] out = new double[2 * PROBE.rows()];
        for (int i = 0; i < PROBE.rows(); i++) {
            double x = Math.floor(PROBE.get(i, 1));
            double tx = Math.min(PROBE.get(i, 0), 30);
            out[2 * i] = b.probabilityAlive(x, x == 0 ? 0 : tx, 39);
            out[2 * i + 1] = b.conditionalExpectedPurchases(52, x, x == 0 ? 0 : tx, 39);
        }
        return out;
    }

    private static double[] ints(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String[] tiers(FeatureMatrix x) {
        String[] out = new String[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double m = x.get(i, 2);
            out[i] = m < 40 ? "bronze" : m < 120 ? "silver" : "gold";
        }
        return out;
    }

    private static FeatureMatrix data(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centre = {{5, 8, 150}, {20, 3, 60}, {35, 1, 20}};
        double[][] rows = new double[n][3];
        for (int i = 0; i < n; i++) {
            double[] c = centre[i % 3];
            rows[i][0] = Math.max(0.5, c[0] + 4 * gauss(rnd));
            rows[i][1] = Math.max(0.5, c[1] + 1.5 * gauss(rnd));
            rows[i][2] = Math.max(1, c[2] + 0.2 * c[2] * gauss(rnd));
        }
        return FeatureMatrix.ofRows(List.of("recency", "frequency", "monetary"), rows);
    }

    private static int[] labels(FeatureMatrix x) {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double logit = 0.15 * (x.get(i, 0) - 20) - 0.3 * (x.get(i, 1) - 4) + 0.8 * gauss(rnd);
            y[i] = logit > 0 ? 1 : 0;
        }
        return y;
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
