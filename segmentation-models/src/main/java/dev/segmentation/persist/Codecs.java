package dev.segmentation.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.FittedModel;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.churn.SparseLogisticRegressionModel;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.DegenerateComponent;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.LloydIteration;
import dev.segmentation.cluster.MiniBatchKMeansModel;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureTransform;
import dev.segmentation.features.Log1pModel;
import dev.segmentation.features.MinMaxScalerModel;
import dev.segmentation.features.OneHotEncoder;
import dev.segmentation.features.OneHotEncoderModel;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.features.RobustScalerModel;
import dev.segmentation.features.StandardizerModel;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.ItemKnnNeighborsModel;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.PopularityModel;
import dev.segmentation.recommend.SegmentPopularityModel;
import dev.segmentation.text.CountVectorizerModel;
import dev.segmentation.text.MultinomialNaiveBayesModel;
import dev.segmentation.text.TfIdfModel;
import dev.segmentation.text.Tokenizer;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-type encoders and decoders of format versions 1 to 3. Package-private: not API; the format is documented in
 * {@code package-info.java}.
 */
final class Codecs {
    /**
     * Every persistable type, registered once: name, class, writer, reader, in documentation order. Adding a model
     * family is one line here (and its writer and reader, usually in its own package's terms).
     */
    static final Registry STANDARD = Registry.of(List.of(
            ModelType.of("standardizer", StandardizerModel.class, Codecs::writeStandardizer, Codecs::readStandardizer),
            ModelType.of("min-max-scaler", MinMaxScalerModel.class, Codecs::writeMinMax, Codecs::readMinMax),
            ModelType.of("robust-scaler", RobustScalerModel.class, Codecs::writeRobust, Codecs::readRobust),
            ModelType.of("log1p", Log1pModel.class, (s, out) -> strings(out, "columns", s.columns()),
                    d -> Log1pModel.of(d.strings("columns"))),
            ModelType.of("quantile-binner", QuantileBinnerModel.class, Codecs::writeBinner, Codecs::readBinner),
            ModelType.of("one-hot-encoder", OneHotEncoderModel.class, Codecs::writeOneHot, Codecs::readOneHot),
            ModelType.container("encoder-pipeline", EncoderPipelineModel.class, Codecs::writePipeline,
                    Codecs::readPipeline),
            ModelType.of("kmeans", KMeansModel.class, Codecs::writeKMeans, Codecs::readKMeans).since(3),
            ModelType.of("mini-batch-kmeans", MiniBatchKMeansModel.class, Codecs::writeMiniBatch,
                    Codecs::readMiniBatch).since(3),
            ModelType.of("gaussian-mixture", GaussianMixtureModel.class, Codecs::writeMixture, Codecs::readMixture)
                    .since(3),
            ModelType.of("rfm-segmenter", RfmSegmenterModel.class, Codecs::writeRfm, Codecs::readRfm).since(3),
            ModelType.of("bgnbd", BgNbdModel.class, Codecs::writeBtyd, Codecs::readBgNbd),
            ModelType.of("modified-bgnbd", ModifiedBgNbdModel.class, Codecs::writeBtyd, Codecs::readModifiedBgNbd),
            ModelType.of("pareto-nbd", ParetoNbdModel.class, Codecs::writeBtyd, Codecs::readParetoNbd),
            ModelType.of("gamma-gamma", GammaGammaModel.class, Codecs::writeGammaGamma, Codecs::readGammaGamma),
            ModelType.of("logistic-regression", LogisticRegressionModel.class, Codecs::writeLogistic,
                    Codecs::readLogistic).since(3),
            ModelType.of("count-vectorizer", CountVectorizerModel.class, Codecs::writeCountVectorizer,
                    Codecs::readCountVectorizer),
            ModelType.of("tfidf", TfIdfModel.class, Codecs::writeTfIdf, Codecs::readTfIdf).since(3),
            ModelType.of("naive-bayes", MultinomialNaiveBayesModel.class, Codecs::writeNaiveBayes,
                    Codecs::readNaiveBayes).since(3),
            ModelType.of("popularity", PopularityModel.class, (s, out) -> writeMatrix(s.matrix(), out.putObject(
                    "matrix")), d -> Popularity.builder().build().fit(readMatrix(d.object("matrix")))),
            ModelType.of("item-knn", ItemKnnModel.class, Codecs::writeItemKnn, Codecs::readItemKnn).since(3),
            ModelType.of("item-knn-neighbors", ItemKnnNeighborsModel.class, Codecs::writeNeighbors,
                    Codecs::readNeighbors),
            ModelType.of("implicit-als", ImplicitAlsModel.class, Codecs::writeAls, Codecs::readAls).since(3),
            ModelType.of("segment-popularity", SegmentPopularityModel.class, Codecs::writeSegmentPopularity,
                    Codecs::readSegmentPopularity),
            ModelType.of("sparse-logistic-regression", SparseLogisticRegressionModel.class,
                    Codecs::writeSparseLogistic, Codecs::readSparseLogistic).since(3),
            ModelType.container("bundle", ModelBundle.class, Codecs::writeBundle, Codecs::readBundle),
            ModelType.of("segment-catalog", SegmentCatalog.class, Codecs::writeCatalog, Codecs::readCatalog),
            ModelType.of("population-stability", PopulationStabilityModel.class, Codecs::writeStability,
                    Codecs::readStability).since(3)));

    private Codecs() {
    }

    /** The type name of a persistable model, or null if it is not one. */
    static String typeOf(Object m) {
        ModelType<?> t = STANDARD.typeOf(m);
        return t == null ? null : t.name;
    }

    /**
     * Writes {@code type}, the model's fields and, when it has a recorded one, its {@code provenance} into
     * {@code out}.
     *
     * @throws IllegalArgumentException if the model (or a nested one) is not persistable
     */
    static void write(Registry registry, Object m, ObjectNode out) {
        ModelType<?> type = registry.typeOf(m);
        ParamChecks.requireArgument(type != null, "model must be one of the persistable types %s, found %s", registry,
                m.getClass().getName());
        out.put("type", type.name);
        type.write(m, out, registry);
        if (m instanceof FittedModel f && f.provenance().recorded()) {
            ProvenanceCodec.write(f.provenance(), out.putObject("provenance"));
        }
    }

    /** The highest {@code since} version of the types a written document holds, at its top or nested. */
    static int since(Registry registry, JsonNode node) {
        int v = 1;
        if (node.isObject() && node.path("type").isTextual()) {
            ModelType<?> t = registry.named(node.get("type").asText());
            if (t != null) {
                v = t.since;
            }
        }
        for (JsonNode child : node) {
            v = Math.max(v, since(registry, child));
        }
        return v;
    }

    /**
     * The trainer description of a version-1 or -2 document, from its {@code trainer} field; from version 3 the
     * provenance alone holds it, and the model is read with {@code "unknown"} (then given its provenance).
     */
    private static String trainer(Doc d) {
        return d.version < 3 ? d.text("trainer") : Provenance.UNKNOWN;
    }

    /** The data fingerprint of a version-1 or -2 k-means or mixture document; from version 3 the provenance's. */
    private static long fingerprint(Doc d) {
        return d.version < 3 ? d.longValue("dataFingerprint") : 0L;
    }

    /** Tells whether a written document holds a provenance, at its top or in a nested model. */
    static boolean hasProvenance(JsonNode node) {
        if (node.isObject() && node.has("type") && node.has("provenance")) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasProvenance(child)) {
                return true;
            }
        }
        return false;
    }

    private static void writeStandardizer(StandardizerModel s, ObjectNode out) {
        strings(out, "columns", s.columns());
        doubles(out, "means", s.means());
        doubles(out, "scales", s.scales());
    }

    private static StandardizerModel readStandardizer(Doc d) {
        return StandardizerModel.of(d.strings("columns"), d.doubles("means"), d.doubles("scales"));
    }

    private static void writeMinMax(MinMaxScalerModel s, ObjectNode out) {
        strings(out, "columns", s.columns());
        doubles(out, "dataMin", s.dataMin());
        doubles(out, "dataMax", s.dataMax());
        out.put("rangeMin", s.rangeMin());
        out.put("rangeMax", s.rangeMax());
    }

    private static MinMaxScalerModel readMinMax(Doc d) {
        return MinMaxScalerModel.of(d.strings("columns"), d.doubles("dataMin"), d.doubles("dataMax"),
                d.number("rangeMin"), d.number("rangeMax"));
    }

    private static void writeRobust(RobustScalerModel s, ObjectNode out) {
        strings(out, "columns", s.columns());
        doubles(out, "centers", s.centers());
        doubles(out, "scales", s.scales());
    }

    private static RobustScalerModel readRobust(Doc d) {
        return RobustScalerModel.of(d.strings("columns"), d.doubles("centers"), d.doubles("scales"));
    }

    private static void writeOneHot(OneHotEncoderModel s, ObjectNode out) {
        out.put("column", s.column());
        strings(out, "categories", s.categories());
        out.put("dropFirst", s.dropFirst());
        out.put("unknownPolicy", s.unknownPolicy().name());
    }

    private static OneHotEncoderModel readOneHot(Doc d) {
        return OneHotEncoderModel.of(d.text("column"), d.strings("categories"), d.bool("dropFirst"),
                d.enumValue("unknownPolicy", OneHotEncoder.UnknownPolicy.class));
    }

    private static void writePipeline(EncoderPipelineModel s, ObjectNode out, Registry registry) {
        ArrayNode steps = out.putArray("steps");
        for (FeatureTransform t : s.steps()) {
            write(registry, t, steps.addObject());
        }
    }

    private static EncoderPipelineModel readPipeline(Doc d) {
        List<FeatureTransform> steps = new ArrayList<>();
        for (Doc s : d.objects("steps")) {
            Object t = nested(s);
            if (!(t instanceof FeatureTransform ft)) {
                throw s.refuse(s.at("type"), "must be a feature transform type, found \"" + s.text("type") + "\"",
                        null);
            }
            steps.add(ft);
        }
        return EncoderPipelineModel.of(steps);
    }

    private static void writeMiniBatch(MiniBatchKMeansModel s, ObjectNode out) {
        strings(out, "names", s.centroids().names());
        matrix(out, "centroids", rows(s.centroids().toArray(), s.k(), s.dimension()));
        doubles(out, "counts", s.counts());
        out.put("steps", s.steps());
        out.put("rowsSeen", s.rowsSeen());
        number(out, "lastBatchInertia", s.lastBatchInertia());
    }

    private static MiniBatchKMeansModel readMiniBatch(Doc d) {
        return MiniBatchKMeansModel.of(d.strings("names"), d.matrix("centroids"), d.doubles("counts"),
                d.longValue("steps"), d.longValue("rowsSeen"), d.numberOrNull("lastBatchInertia"), trainer(d));
    }

    private static void writeRfm(RfmSegmenterModel s, ObjectNode out) {
        out.put("recency", s.recencyColumn());
        out.put("frequency", s.frequencyColumn());
        out.put("monetary", s.monetaryColumn());
        writeBinner(s.binner(), out.putObject("binner"));
        strings(out, "table", s.table());
    }

    private static RfmSegmenterModel readRfm(Doc d) {
        return RfmSegmenterModel.of(trainer(d), d.text("recency"), d.text("frequency"), d.text("monetary"),
                readBinner(d.object("binner")), d.strings("table"));
    }

    private static void writeBtyd(BtydModel s, ObjectNode out) {
        out.put("unit", s.unit().toString());
        writeParams(out, s.params(), s.logLikelihood(), s.converged(), s.standardErrors());
        writeReason(out, s.convergenceReason());
    }

    private static BgNbdModel readBgNbd(Doc d) {
        Doc p = params(d, "r", "alpha", "a", "b");
        return BgNbdModel.of(p.number("r"), p.number("alpha"), p.number("a"), p.number("b"), unit(d));
    }

    private static ModifiedBgNbdModel readModifiedBgNbd(Doc d) {
        Doc p = params(d, "r", "alpha", "a", "b");
        return ModifiedBgNbdModel.of(p.number("r"), p.number("alpha"), p.number("a"), p.number("b"), unit(d));
    }

    private static ParetoNbdModel readParetoNbd(Doc d) {
        Doc p = params(d, "r", "alpha", "s", "beta");
        return ParetoNbdModel.of(p.number("r"), p.number("alpha"), p.number("s"), p.number("beta"), unit(d));
    }

    private static void writeGammaGamma(GammaGammaModel s, ObjectNode out) {
        writeParams(out, s.params(), s.logLikelihood(), s.converged(), s.standardErrors());
        writeReason(out, s.convergenceReason());
    }

    private static GammaGammaModel readGammaGamma(Doc d) {
        Doc p = params(d, "p", "q", "v");
        return GammaGammaModel.of(p.number("p"), p.number("q"), p.number("v"));
    }

    private static LogisticRegressionModel readLogistic(Doc d) {
        return LogisticRegressionModel.of(trainer(d), d.strings("names"), d.number("intercept"),
                d.doubles("coefficients"), d.doubles("covariance"), d.numberOrNull("logLikelihood"),
                d.numberOrNull("nullLogLikelihood"), d.numberOrNull("objective"), d.integer("iterations"),
                d.bool("converged"), d.bool("separation"), d.doublesOrNull("objectiveHistory"), d.integer("rows"));
    }

    private static void writeCountVectorizer(CountVectorizerModel s, ObjectNode out) {
        ObjectNode t = out.putObject("tokenizer");
        t.put("normalize", s.tokenizer().normalize());
        t.put("lowercase", s.tokenizer().lowercase());
        t.put("tokenPattern", s.tokenizer().tokenPattern());
        t.put("ngrams", s.tokenizer().ngrams());
        strings(out, "vocabulary", List.of(s.vocabulary()));
    }

    private static CountVectorizerModel readCountVectorizer(Doc d) {
        Doc t = d.object("tokenizer");
        Tokenizer tokenizer = Tokenizer.builder().normalize(t.bool("normalize")).lowercase(t.bool("lowercase"))
                .tokenPattern(t.text("tokenPattern")).ngrams(t.integer("ngrams")).build();
        return CountVectorizerModel.of(tokenizer, d.strings("vocabulary"));
    }

    private static void writeTfIdf(TfIdfModel s, ObjectNode out) {
        doubles(out, "idf", s.idf());
        out.put("sublinearTf", s.sublinearTf());
        out.put("l2Normalize", s.l2Normalize());
    }

    private static TfIdfModel readTfIdf(Doc d) {
        return TfIdfModel.of(trainer(d), d.doubles("idf"), d.bool("sublinearTf"), d.bool("l2Normalize"));
    }

    private static void writeNaiveBayes(MultinomialNaiveBayesModel s, ObjectNode out) {
        ArrayNode classes = out.putArray("classes");
        for (int c : s.classes()) {
            classes.add(c);
        }
        doubles(out, "logPriors", s.logPriors());
        matrix(out, "featureLogProbabilities", s.featureLogProbabilities());
    }

    private static MultinomialNaiveBayesModel readNaiveBayes(Doc d) {
        return MultinomialNaiveBayesModel.of(trainer(d), d.ints("classes"), d.doubles("logPriors"),
                d.matrix("featureLogProbabilities"));
    }

    private static void writeItemKnn(ItemKnnModel s, ObjectNode out) {
        out.put("shrink", s.shrink());
        writeMatrix(s.matrix(), out.putObject("matrix"));
        ArrayNode nbr = out.putArray("neighbors");
        ArrayNode sim = out.putArray("similarities");
        for (int i = 0; i < s.matrix().items(); i++) {
            ArrayNode a = nbr.addArray();
            for (int j : s.similarItems(i, s.matrix().items())) {
                a.add(j);
            }
            doubles(sim.addArray(), s.neighborSimilarities(i));
        }
    }

    private static ItemKnnModel readItemKnn(Doc d) {
        return ItemKnnModel.of(trainer(d), readMatrix(d.object("matrix")), d.number("shrink"),
                d.intMatrix("neighbors"), d.matrix("similarities"));
    }

    private static void writeNeighbors(ItemKnnNeighborsModel s, ObjectNode out) {
        out.put("shrink", s.shrink());
        out.put("weighting", s.weighting().name());
        out.put("includeNonProducts", s.includeNonProducts());
        doubles(out, "norms", s.norms());
        ArrayNode counts = out.putArray("customersPerItem");
        for (long c : s.customersPerItem()) {
            counts.add(c);
        }
        ArrayNode nbr = out.putArray("neighbors");
        ArrayNode sim = out.putArray("similarities");
        for (int i = 0; i < s.items(); i++) {
            ints(nbr.addArray(), s.similarItems(i, Math.max(1, s.items())));
            doubles(sim.addArray(), s.neighborSimilarities(i));
        }
    }

    private static ItemKnnNeighborsModel readNeighbors(Doc d) {
        String weighting = d.text("weighting");
        InteractionMatrix.Weighting w;
        try {
            w = InteractionMatrix.Weighting.valueOf(weighting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weighting must be BINARY, COUNT, QUANTITY or LOG, found \""
                    + weighting + "\"", e);
        }
        // a new type: its trainer description lives only in the provenance, restored after reading
        return ItemKnnNeighborsModel.of(Provenance.UNKNOWN, d.number("shrink"), d.doubles("norms"), d.intMatrix("neighbors"),
                d.matrix("similarities"), d.longs("customersPerItem"), w, d.bool("includeNonProducts"));
    }

    private static void writeAls(ImplicitAlsModel s, ObjectNode out) {
        writeMatrix(s.matrix(), out.putObject("matrix"));
        ArrayNode users = out.putArray("userFactors");
        for (int u = 0; u < s.matrix().customers(); u++) {
            doubles(users.addArray(), s.userFactors(u));
        }
        ArrayNode items = out.putArray("itemFactors");
        for (int i = 0; i < s.matrix().items(); i++) {
            doubles(items.addArray(), s.itemFactors(i));
        }
        doubles(out, "lossHistory", s.lossHistory());
        out.put("converged", s.converged());
    }

    private static ImplicitAlsModel readAls(Doc d) {
        return ImplicitAlsModel.of(trainer(d), readMatrix(d.object("matrix")), d.matrix("userFactors"),
                d.matrix("itemFactors"), d.doubles("lossHistory"), d.bool("converged"));
    }

    private static void writeSegmentPopularity(SegmentPopularityModel s, ObjectNode out) {
        writeMatrix(s.matrix(), out.putObject("matrix"));
        ints(out.putArray("segments"), s.segmentLabels());
    }

    private static SegmentPopularityModel readSegmentPopularity(Doc d) {
        return SegmentPopularityModel.of(readMatrix(d.object("matrix")), d.ints("segments"));
    }

    private static void writeSparseLogistic(SparseLogisticRegressionModel s, ObjectNode out) {
        out.put("intercept", s.intercept());
        doubles(out, "coefficients", s.coefficients());
        number(out, "logLikelihood", s.logLikelihood());
        number(out, "objective", s.objective());
        out.put("iterations", s.iterations());
        out.put("converged", s.converged());
        doubles(out, "objectiveHistory", s.objectiveHistory());
        out.put("rows", s.rows());
    }

    private static SparseLogisticRegressionModel readSparseLogistic(Doc d) {
        return SparseLogisticRegressionModel.of(trainer(d), d.number("intercept"), d.doubles("coefficients"),
                d.numberOrNull("logLikelihood"), d.numberOrNull("objective"), d.integer("iterations"),
                d.bool("converged"), d.doublesOrNull("objectiveHistory"), d.integer("rows"));
    }

    private static void writeBundle(ModelBundle s, ObjectNode out, Registry registry) {
        ObjectNode models = out.putObject("models");
        for (Map.Entry<String, Object> e : s.models().entrySet()) {
            write(registry, e.getValue(), models.putObject(e.getKey()));
        }
    }

    private static ModelBundle readBundle(Doc d) {
        ModelBundle.Builder b = ModelBundle.builder();
        for (Map.Entry<String, Doc> e : d.members("models").entrySet()) {
            b.put(e.getKey(), nested(e.getValue()));
        }
        return b.build();
    }

    private static void writeStability(PopulationStabilityModel s, ObjectNode out) {
        writeBinner(s.binner(), out.putObject("binner"));
        doubles(out, "shares", s.shares());
        out.put("epsilon", s.epsilon());
    }

    private static PopulationStabilityModel readStability(Doc d) {
        return PopulationStabilityModel.of(trainer(d), readBinner(d.object("binner")), d.doubles("shares"),
                d.number("epsilon"));
    }

    private static void writeCatalog(SegmentCatalog s, ObjectNode out) {
        strings(out, "features", s.features());
        ArrayNode segs = out.putArray("segments");
        for (SegmentCatalog.Entry e : s.segments()) {
            ObjectNode o = segs.addObject();
            o.put("id", e.id());
            o.put("name", e.name());
            o.put("archetype", e.archetype());
            o.put("action", e.action());
            o.put("share", e.share());
            doubles(o, "centre", e.centre());
        }
        strings(out, "customers", List.of(s.customers()));
        ints(out.putArray("labels"), s.labels());
        out.put("asOf", s.asOf());
        out.put("churnHorizonDays", s.churnHorizonDays());
        out.put("clvHorizon", s.clvHorizon());
        out.put("annualDiscountRate", s.annualDiscountRate());
        out.put("topN", s.topN());
        strings(out, "recommenderCustomers", List.of(s.recommenderCustomers()));
        strings(out, "recommenderItems", List.of(s.recommenderItems()));
    }

    private static SegmentCatalog readCatalog(Doc d) {
        List<SegmentCatalog.Entry> entries = new ArrayList<>();
        for (Doc e : d.objects("segments")) {
            entries.add(new SegmentCatalog.Entry(e.integer("id"), e.text("name"), e.text("archetype"),
                    e.text("action"), e.number("share"), e.doubles("centre")));
        }
        return SegmentCatalog.of(d.strings("features"), entries, d.strings("customers").toArray(new String[0]),
                d.ints("labels"), d.text("asOf"), d.integer("churnHorizonDays"), d.text("clvHorizon"),
                d.number("annualDiscountRate"), d.integer("topN"),
                d.strings("recommenderCustomers").toArray(new String[0]),
                d.strings("recommenderItems").toArray(new String[0]));
    }

    private static void writeMatrix(InteractionMatrix x, ObjectNode out) {
        out.put("customers", x.customers());
        out.put("items", x.items());
        ints(out.putArray("rowPtr"), x.rowPtr());
        ints(out.putArray("cols"), x.cols());
        doubles(out, "values", x.values());
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }

    private static InteractionMatrix readMatrix(Doc d) {
        return InteractionMatrix.of(d.integer("customers"), d.integer("items"), d.ints("rowPtr"), d.ints("cols"),
                d.doubles("values"));
    }

    /** A parametric model's {@code params}, and its fit record under {@code fit} (informational, not restored). */
    private static void writeParams(ObjectNode out, Map<String, Double> params, double logLikelihood,
            boolean converged, double[] standardErrors) {
        ObjectNode p = out.putObject("params");
        params.forEach(p::put);
        ObjectNode fit = out.putObject("fit");
        number(fit, "logLikelihood", logLikelihood);
        fit.put("converged", converged);
        doubles(fit, "standardErrors", standardErrors);
    }

    /**
     * Adds {@code fit.convergenceReason} for a fitted model (issue 17). Models made from given parameters, as
     * every loaded model is, write nothing more, so version-1 files read and written back are unchanged.
     */
    private static void writeReason(ObjectNode out, String reason) {
        if (!reason.startsWith("not fitted")) {
            ((ObjectNode) out.get("fit")).put("convergenceReason", reason);
        }
    }

    /** A binner's fields; nested in rfm-segmenter and population-stability with {@code "type"} first. */
    private static void writeBinner(QuantileBinnerModel s, ObjectNode out) {
        if (!out.has("type")) {
            out.put("type", "quantile-binner");
        }
        strings(out, "columns", s.columns());
        out.put("bins", s.bins());
        strings(out, "descending", s.descending());
        ArrayNode edges = out.putArray("edges");
        for (String c : s.columns()) {
            doubles(edges.addArray(), s.edges(c));
        }
    }

    private static void writeKMeans(KMeansModel s, ObjectNode out) {
        strings(out, "names", s.centroids().names());
        matrix(out, "centroids", s.centroidArray());
        out.put("inertia", s.inertia());
        out.put("iterations", s.iterations());
        out.put("converged", s.converged());
        ArrayNode sizes = out.putArray("sizes");
        for (long v : s.sizes()) {
            sizes.add(v);
        }
        ArrayNode history = out.putArray("history");
        for (LloydIteration it : s.history()) {
            ObjectNode h = history.addObject();
            h.put("iteration", it.iteration());
            number(h, "inertia", it.inertia());
            number(h, "centerShift", it.centerShift());
            h.put("reassigned", it.reassigned());
            h.put("distancesComputed", it.distancesComputed());
            h.put("distancesSkipped", it.distancesSkipped());
        }
        out.put("trainingRows", s.trainingRows());
    }

    private static void writeMixture(GaussianMixtureModel s, ObjectNode out) {
        strings(out, "names", s.means().names());
        out.put("covarianceType", s.covarianceType().name());
        doubles(out, "weights", s.weights());
        matrix(out, "means", rows(s.means().toArray(), s.k(), s.dimension()));
        ArrayNode cov = out.putArray("covariances");
        for (double[][] c : s.covariances()) {
            ArrayNode a = cov.addArray();
            for (double[] r : c) {
                doubles(a.addArray(), r);
            }
        }
        doubles(out, "logLikelihoods", s.logLikelihoods());
        out.put("iterations", s.iterations());
        out.put("converged", s.converged());
        ArrayNode deg = out.putArray("degenerate");
        for (DegenerateComponent d : s.degenerateComponents()) {
            ObjectNode o = deg.addObject();
            o.put("iteration", d.iteration());
            o.put("component", d.component());
            o.put("kind", d.kind().name());
        }
        out.put("trainingRows", s.trainingRows());
    }

    private static void writeLogistic(LogisticRegressionModel s, ObjectNode out) {
        strings(out, "names", s.columnNames());
        out.put("intercept", s.intercept());
        doubles(out, "coefficients", s.coefficients());
        doubles(out, "covariance", s.hasStandardErrors() ? s.covariance() : new double[0]);
        number(out, "logLikelihood", s.logLikelihood());
        number(out, "nullLogLikelihood", s.nullLogLikelihood());
        number(out, "objective", s.objective());
        out.put("iterations", s.iterations());
        out.put("converged", s.converged());
        out.put("separation", s.separation());
        doubles(out, "objectiveHistory", s.objectiveHistory());
        out.put("rows", s.rows());
    }

    /**
     * Reads a model of the given type from its fields, and its {@code provenance} when the document has one.
     *
     * @throws ModelFormatException if a field is missing or wrong, or the model's factory refuses the values
     */
    static Object read(String type, Doc d) {
        ModelType<?> t = d.registry.named(type);
        if (t == null) {
            throw d.fail(d.at("type"), "one of " + d.registry, d.node.get("type"));
        }
        Object m;
        try {
            m = t.read(d);
            if (m instanceof FittedModel f) {
                // always set: a trainer run while reading (popularity) must not leave its own record; the one
                // exception is a version-1 or -2 file of a since(3) type without a provenance object, whose model
                // keeps the record made from its trainer field (Provenance.fromDescription)
                if (d.node.has("provenance")) {
                    m = f.withProvenance(ProvenanceCodec.read(d.object("provenance")));
                } else if (d.version >= 3 || t.since < 3) {
                    m = f.withProvenance(Provenance.notRecorded());
                }
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IllegalArgumentException | InvalidDataException e) {
            throw d.refuse(d.path, "is not a valid " + type + " model: " + e.getMessage(), e);
        }
        return m;
    }

    /** Reads a nested model: an object with its own {@code type}. */
    static Object nested(Doc d) {
        return read(d.text("type"), d);
    }

    static QuantileBinnerModel readBinner(Doc d) {
        return QuantileBinnerModel.of(d.strings("columns"), d.integer("bins"), d.strings("descending"),
                d.matrix("edges"));
    }

    private static KMeansModel readKMeans(Doc d) {
        List<LloydIteration> history = new ArrayList<>();
        for (Doc h : d.objects("history")) {
            history.add(new LloydIteration(h.integer("iteration"), h.numberOrNull("inertia"),
                    h.numberOrNull("centerShift"), h.longValue("reassigned"), h.longValue("distancesComputed"),
                    h.longValue("distancesSkipped")));
        }
        return KMeansModel.of(d.strings("names"), d.matrix("centroids"), d.number("inertia"), d.integer("iterations"),
                d.bool("converged"), d.longs("sizes"), history, trainer(d), d.integer("trainingRows"),
                fingerprint(d));
    }

    private static GaussianMixtureModel readMixture(Doc d) {
        List<DegenerateComponent> degenerate = new ArrayList<>();
        for (Doc h : d.objects("degenerate")) {
            degenerate.add(new DegenerateComponent(h.integer("iteration"), h.integer("component"),
                    h.enumValue("kind", DegenerateComponent.Kind.class)));
        }
        return GaussianMixtureModel.of(d.strings("names"), d.enumValue("covarianceType", CovarianceType.class),
                d.doubles("weights"), d.matrix("means"), d.cube("covariances"), d.doubles("logLikelihoods"),
                d.integer("iterations"), d.bool("converged"), degenerate, trainer(d), d.integer("trainingRows"),
                fingerprint(d));
    }

    /** The {@code params} object, which must hold exactly the given names. */
    private static Doc params(Doc d, String... names) {
        Doc p = d.object("params");
        for (String n : names) {
            p.number(n);
        }
        if (p.node.size() != names.length) {
            throw p.refuse(p.path, "must hold exactly " + List.of(names) + ", found " + Doc.show(p.node), null);
        }
        return p;
    }

    private static Duration unit(Doc d) {
        String s = d.text("unit");
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw d.refuse(d.at("unit"), "must be an ISO-8601 duration such as \"P7D\", found \"" + s + "\"", e);
        }
    }

    private static double[][] rows(double[] flat, int k, int d) {
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(flat, c * d, out[c], 0, d);
        }
        return out;
    }

    private static void strings(ObjectNode out, String name, List<String> values) {
        ArrayNode a = out.putArray(name);
        values.forEach(a::add);
    }

    private static void doubles(ObjectNode out, String name, double[] values) {
        doubles(out.putArray(name), values);
    }

    private static void doubles(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    private static void matrix(ObjectNode out, String name, double[][] values) {
        ArrayNode a = out.putArray(name);
        for (double[] r : values) {
            doubles(a.addArray(), r);
        }
    }

    private static void number(ObjectNode out, String name, double v) {
        if (Double.isFinite(v)) {
            out.put(name, v);
        } else {
            out.putNull(name);
        }
    }
}
