package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.FittedModel;
import dev.segmentation.churn.ChurnModel;
import dev.segmentation.churn.ChurnTrainer;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.cluster.Segmenter;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the pipeline takes any segmenter and any churn trainer through the seams; a model type the library
 * does not know runs the same stages as the built-in one (and is left out of the bundle).
 */
class SeamsPipelineTest {
    private static TransactionLog log;

    @BeforeAll
    static void simulate() {
        log = RetailSimulator.builder().customers(800).seed(5).build().generate().log();
    }

    /** A model the library does not know: k-means behind the seam only. */
    private static final class Wrapped implements ClusterModel {
        private final ClusterModel inner;

        Wrapped(ClusterModel inner) {
            this.inner = inner;
        }

        @Override
        public int k() {
            return inner.k();
        }

        @Override
        public List<String> columnNames() {
            return inner.columnNames();
        }

        @Override
        public int predict(double[] row) {
            return inner.predict(row);
        }

        @Override
        public double[][] centres() {
            return inner.centres();
        }
    }

    @Test
    void anySegmenterAndChurnTrainerRunTheStagesLikeTheBuiltInOnes() {
        KMeans kMeans = KMeans.builder().k(4).seed(1).build();
        Segmenter custom = new Segmenter() {
            @Override
            public int k() {
                return kMeans.k();
            }

            @Override
            public ClusterModel fit(FeatureMatrix x) {
                return new Wrapped(kMeans.fit(x));
            }
        };
        LogisticRegression logistic = LogisticRegression.builder().l2(1.0).build();
        ChurnTrainer churn = (x, y) -> {
            ChurnModel m = logistic.fit(x, y);
            return new ChurnModel() {
                @Override
                public List<String> columnNames() {
                    return m.columnNames();
                }

                @Override
                public double predictProbability(double[] row) {
                    return m.predictProbability(row);
                }

                @Override
                public boolean converged() {
                    return m.converged();
                }
            };
        };
        SegmentationResult builtIn = Segmentation.of(log).segments(KMeans.builder().k(4).seed(1))
                .churn(90, LogisticRegression.builder().l2(1.0)).run();
        SegmentationResult seam = Segmentation.of(log).segments(custom).churn(90, churn).run();
        assertEquals(builtIn.size(), seam.size());
        for (int i = 0; i < builtIn.size(); i++) {
            CustomerProfile a = builtIn.customer(i);
            CustomerProfile b = seam.customer(i);
            assertEquals(a.segment(), b.segment(), a.id());
            assertEquals(a.segmentName(), b.segmentName(), a.id());
            assertEquals(a.churnProbability(), b.churnProbability(), a.id());
        }
        assertTrue(builtIn.segmentModel(KMeansModel.class).isPresent());
        assertTrue(seam.segmentModel(KMeansModel.class).isEmpty());
        assertEquals(4, seam.segmentModel().orElseThrow().k());
        assertTrue(seam.churn(LogisticRegressionModel.class).isEmpty());
        assertTrue(seam.churn().isPresent());
        // the relabelled wrapper predicts the summaries' (value-ordered) ids
        double[] row = new double[seam.encoder().transform(seam.modelFeatures()).columns()];
        FeatureMatrix encoded = seam.encoder().transform(seam.modelFeatures());
        for (int i = 0; i < seam.size(); i++) {
            assertEquals(seam.customer(i).segment(), seam.segmentModel().orElseThrow().predict(encoded.row(i, row)));
        }
        // unknown types are left out of the bundle; the built-in ones keep their entry names
        assertTrue(builtIn.models().names().containsAll(List.of("encoder", "rfm", "segments", "churn", "catalog",
                "baseline")));
        assertFalse(seam.models().names().contains("segments"));
        assertFalse(seam.models().names().contains("churn"));
    }

    @Test
    @SuppressWarnings("removal") // the deprecated accessors are checked against the ones that replace them
    void typedAccessorsGiveAStageModelAsATypeAndTheDeprecatedOnesDelegateToThem() {
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(4).seed(1))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        ClusterModel segments = r.segmentModel().orElseThrow();
        assertSame(segments, r.segmentModel(ClusterModel.class).orElseThrow());
        assertSame(segments, r.segmentModel(KMeansModel.class).orElseThrow());
        assertTrue(r.segmentModel(GaussianMixtureModel.class).isEmpty());
        assertSame(r.churn().orElseThrow(), r.churn(LogisticRegressionModel.class).orElseThrow());
        assertTrue(r.churn(KMeansModel.class).isEmpty());
        BtydLifetimeValueModel lifetimeValue = r.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow();
        assertSame(r.lifetimeValueModel().orElseThrow(), lifetimeValue);
        assertSame(r.transactionModel().orElseThrow(), lifetimeValue.transactions());
        assertSame(lifetimeValue.transactions(), lifetimeValue.transactionModel().orElseThrow());
        RfmSegmenterModel rfm = r.rfmScores(RfmSegmenterModel.class).orElseThrow();
        assertSame(rfm, r.rfmScores(FittedModel.class).orElseThrow());
        assertTrue(r.rfmScores(ClusterModel.class).isEmpty());
        assertTrue(r.segmentModel(RfmSegmenterModel.class).isEmpty()); // the scores' model is not the segments'
        // the deprecated accessors return the very same models
        assertSame(rfm, r.rfmScores());
        assertTrue(r.rfmSegmenter().isEmpty());
        assertSame(segments, r.kMeans().orElseThrow());
        assertTrue(r.gaussianMixture().isEmpty());
        assertSame(r.churn().orElseThrow(), r.churnModel().orElseThrow());
        assertSame(lifetimeValue.spend(), r.spendModel().orElseThrow());
        // stages that did not run have no model of any type
        SegmentationResult bare = Segmentation.of(log).run();
        assertTrue(bare.segmentModel(ClusterModel.class).isEmpty());
        assertTrue(bare.churn(ChurnModel.class).isEmpty());
        assertTrue(bare.lifetimeValueModel(LifetimeValueModel.class).isEmpty());
        assertTrue(bare.spendModel().isEmpty());
        assertTrue(bare.rfmScores(RfmSegmenterModel.class).isPresent()); // the features stage always runs
        // RFM cells: the segments stage's model is the RFM segmenter's, not a ClusterModel
        SegmentationResult cells = Segmentation.of(log).segments(RfmSegmenter.builder()).run();
        RfmSegmenterModel cellModel = cells.segmentModel(RfmSegmenterModel.class).orElseThrow();
        assertSame(cellModel, cells.segmentModel(FittedModel.class).orElseThrow());
        assertSame(cellModel, cells.rfmSegmenter().orElseThrow());
        assertTrue(cells.segmentModel().isEmpty());
        assertTrue(cells.segmentModel(ClusterModel.class).isEmpty());
        assertSame(cellModel, cells.models().get("segments", RfmSegmenterModel.class));
        assertEquals("type", assertThrows(NullPointerException.class, () -> r.segmentModel(null)).getMessage());
        assertEquals("type", assertThrows(NullPointerException.class, () -> bare.churn(null)).getMessage());
        assertEquals("type", assertThrows(NullPointerException.class, () -> bare.rfmScores(null)).getMessage());
    }
}
