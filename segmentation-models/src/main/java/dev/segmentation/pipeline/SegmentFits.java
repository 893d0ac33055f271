package dev.segmentation.pipeline;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.cluster.RfmSegments;
import dev.segmentation.cluster.Segmenter;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.progress.CancellationToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments stage's resolved trainers: any {@link Segmenter} on the encoded features, the k-means sweep of
 * {@link Segmentation#segmentsAuto}, or RFM cells on the raw RFM columns. Not API.
 */
abstract class SegmentFits {
    /** The largest k the fit may produce, checked against the number of customers before any fit. */
    final int k;
    /** The segment names the fit gives (RFM cells), or null when the summaries name them. */
    List<String> names;

    private SegmentFits(int k) {
        this.k = k;
    }

    /** Fits, stores the model in {@code models}, returns every customer's segment. */
    abstract int[] fit(FeatureMatrix encoded, FeatureMatrix raw, SegmentationResult.Models models);

    /** Any segmenter on the encoded features: the model goes to {@code models.segmenter}. */
    static SegmentFits of(Segmenter trainer) {
        return new SegmentFits(trainer.k()) {
            @Override
            int[] fit(FeatureMatrix encoded, FeatureMatrix raw, SegmentationResult.Models models) {
                ClusterModel model = trainer.fit(encoded);
                models.segmenter = model;
                return model.predict(encoded);
            }
        };
    }

    /** RFM cells on the raw RFM columns, named by the segmenter. */
    static SegmentFits rfm(RfmSegmenter trainer) {
        return new SegmentFits(1) {
            @Override
            int[] fit(FeatureMatrix encoded, FeatureMatrix raw, SegmentationResult.Models models) {
                RfmSegmenterModel model = trainer.fit(raw);
                models.rfmSegmenter = model;
                RfmSegments s = model.segment(raw);
                names = s.names();
                return s.labels();
            }
        };
    }

    /** The k-means sweep over {@code [kMin, kMax]}: see {@link Segmentation#segmentsAuto}. */
    static SegmentFits sweep(KMeans base, int kMin, int kMax, double minShare, CancellationToken cancellation) {
        return new SegmentFits(kMax) {
            @Override
            int[] fit(FeatureMatrix encoded, FeatureMatrix raw, SegmentationResult.Models models) {
                int n = encoded.rows();
                List<KChoice.Row> rows = new ArrayList<>();
                ClusterModel best = null;
                int[] bestLabels = null;
                double bestSil = Double.NEGATIVE_INFINITY;
                ClusterModel fallback = null;
                int[] fallbackLabels = null;
                double fallbackShare = -1;
                for (int k = kMin; k <= kMax; k++) {
                    cancellation.check("segments");
                    var m = base.toBuilder().k(k).build().fit(encoded);
                    int[] labels = m.predict(encoded);
                    long[] size = new long[k];
                    for (int l : labels) {
                        size[l]++;
                    }
                    long smallest = Long.MAX_VALUE;
                    for (long c : size) {
                        smallest = Math.min(smallest, c);
                    }
                    double share = (double) smallest / n;
                    double sil = smallest == 0 ? -1 : n <= Segmentation.SILHOUETTE_SAMPLE
                            ? ClusterQuality.silhouette(encoded, labels)
                            : ClusterQuality.silhouette(encoded, labels, Segmentation.SILHOUETTE_SAMPLE, 0L);
                    rows.add(new KChoice.Row(k, m.inertia(), sil, share));
                    if (share >= minShare && sil > bestSil) {
                        best = m;
                        bestLabels = labels;
                        bestSil = sil;
                    }
                    if (share > fallbackShare) {
                        fallback = m;
                        fallbackLabels = labels;
                        fallbackShare = share;
                    }
                }
                ClusterModel chosen = best != null ? best : fallback;
                models.segmenter = chosen;
                models.kSweep = new KChoice(rows, chosen.k(), minShare, "highest silhouette among k in ["
                        + kMin + ", " + kMax + "] whose smallest segment holds at least " + minShare
                        + " of the customers" + (best != null ? "" : " (none did: the largest smallest segment)"));
                return best != null ? bestLabels : fallbackLabels;
            }
        };
    }
}
