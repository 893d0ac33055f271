package dev.segmentation.bench.embed;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.features.Standardizer;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.SplittableRandom;

/** Customers and fitted models for the embedding benchmarks, from a fixed seed. */
final class EmbedFixture {
    /** The first purchase day of the simulated customers. */
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    /** The as-of date: the day after the last possible purchase. */
    static final LocalDate AS_OF = START.plusDays(366);

    private EmbedFixture() {
    }

    /** A customer's state after 1 to 12 orders over a year, in time order. */
    static CustomerState customer(SplittableRandom rnd) {
        CustomerState s = CustomerState.empty(PurchasePeriod.DAY);
        int orders = 1 + rnd.nextInt(12);
        long day = START.toEpochDay() + rnd.nextInt(120);
        for (int o = 0; o < orders && day < AS_OF.toEpochDay(); o++) {
            s = s.apply(day, Math.round(rnd.nextDouble(5, 300) * 100) / 100.0);
            day += rnd.nextInt(30);
        }
        return s;
    }

    /** {@code n} customers from {@code seed}. */
    static CustomerState[] customers(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CustomerState[] out = new CustomerState[n];
        for (int i = 0; i < n; i++) {
            out[i] = customer(rnd);
        }
        return out;
    }

    /**
     * A scorer: k-means (k = 6) and logistic churn on log1p + standardized RFM and tenure (or on the raw features
     * when {@code encoded} is false), BG/NBD and Gamma-Gamma with the CDNOW estimates, CLV over
     * {@code clvMonths} monthly steps at 10% a year.
     */
    static CustomerScorer scorer(CustomerState[] training, boolean encoded, int clvMonths) {
        List<String> raw = List.of("recency", "frequency", "monetary", "tenure");
        double[][] rows = new double[training.length][];
        int[] churned = new int[training.length];
        for (int i = 0; i < rows.length; i++) {
            CustomerState s = training[i];
            rows[i] = new double[] {s.recencyDays(AS_OF), s.orders(), s.spend(), s.tenureDays(AS_OF)};
            churned[i] = s.recencyDays(AS_OF) > 120 ? 1 : 0;
        }
        FeatureMatrix x = FeatureMatrix.ofRows(raw, rows);
        CustomerScorer.Builder b = CustomerScorer.builder();
        if (encoded) {
            EncoderPipelineModel enc = EncoderPipeline.builder().add(Log1p.builder().columns("monetary").build())
                    .add(Standardizer.builder().build()).build().fit(x);
            b.encoder(enc);
            x = enc.transform(x);
        }
        KMeansModel km = KMeans.builder().k(6).seed(42).build().fit(x);
        LogisticRegressionModel lr = LogisticRegression.builder().l2(1.0).build().fit(x, churned);
        return b.segments(km).churn(lr)
                .btyd(BgNbdModel.of(0.242593, 4.413532, 0.792886, 2.425754, Duration.ofDays(7)))
                .lifetimeValue(GammaGammaModel.of(6.25, 3.74, 15.44),
                        Clv.builder().horizon(Period.ofMonths(clvMonths)).annualDiscountRate(0.10).build())
                .build();
    }
}
