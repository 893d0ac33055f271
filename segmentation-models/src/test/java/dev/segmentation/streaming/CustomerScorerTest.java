package dev.segmentation.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Re-scoring one customer agrees with the batch models on the same features. */
class CustomerScorerTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final LocalDate AS_OF = START.plusDays(120);
    private static final List<String> RAW = List.of("recency", "frequency", "monetary", "tenure");

    @Test
    void scoresEqualTheBatchModelsOnTheSameFeatures() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 300;
        CustomerState[] states = new CustomerState[n];
        double[][] rows = new double[n][];
        int[] churned = new int[n];
        for (int c = 0; c < n; c++) {
            CustomerState s = CustomerState.empty(PurchasePeriod.DAY);
            int events = 1 + rnd.nextInt(8);
            long d = START.toEpochDay() + rnd.nextInt(30);
            for (int e = 0; e < events; e++) {
                s = s.apply(d, 5 + rnd.nextInt(100));
                d += rnd.nextInt(12);
            }
            states[c] = s;
            rows[c] = new double[] {s.recencyDays(AS_OF), s.orders(), s.spend(), s.tenureDays(AS_OF)};
            churned[c] = s.recencyDays(AS_OF) + rnd.nextInt(40) > 70 ? 1 : 0;
        }
        FeatureMatrix raw = FeatureMatrix.ofRows(RAW, rows);
        EncoderPipelineModel encoder = EncoderPipeline.builder().add(Log1p.builder().columns("monetary").build())
                .add(Standardizer.builder().build()).build().fit(raw);
        FeatureMatrix x = encoder.transform(raw);
        KMeansModel km = KMeans.builder().k(4).seed(1).build().fit(x);
        LogisticRegressionModel lr = LogisticRegression.builder().build().fit(x, churned);
        BgNbdModel bg = BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7));
        GammaGammaModel gg = GammaGammaModel.of(6.25, 3.74, 15.44);
        Clv clv = Clv.builder().horizon(Period.ofMonths(12)).annualDiscountRate(0.1).build();
        CustomerScorer scorer = CustomerScorer.builder().encoder(encoder).segments(km).churn(lr).btyd(bg)
                .lifetimeValue(gg, clv).horizon(Duration.ofDays(7 * 26)).build();
        int[] segments = km.predict(x);
        double[] pChurn = lr.predictProbabilities(x);
        Duration week = Duration.ofDays(7);
        for (int c = 0; c < n; c++) {
            CustomerScore s = scorer.score(states[c], AS_OF);
            assertEquals(segments[c], s.segment());
            assertEquals(pChurn[c], s.churnProbability());
            double fx = states[c].btydFrequency();
            double tx = states[c].btydRecency(week);
            double age = states[c].btydAge(AS_OF.minusDays(1), week);
            assertEquals(bg.probabilityAlive(fx, tx, age), s.probabilityAlive());
            assertEquals(bg.conditionalExpectedPurchases(26, fx, tx, age), s.expectedPurchases());
            double m = gg.conditionalExpectedAverageSpend(fx, states[c].btydMonetary());
            assertEquals(clv.customerValue(bg, m, fx, tx, age), s.lifetimeValue());
        }
    }

    @Test
    void withoutModelsScoresAreMissingAndBadInputIsRefused() {
        CustomerState s = CustomerState.empty(PurchasePeriod.DAY).apply(START.toEpochDay(), 10);
        CustomerScore none = CustomerScorer.builder().build().score(s, AS_OF);
        assertEquals(-1, none.segment());
        assertEquals(Double.NaN, none.lifetimeValue());
        CustomerScorer scorer = CustomerScorer.builder().build();
        assertEquals("asOf must be after the latest purchase day 2024-01-01, found 2024-01-01",
                assertThrows(IllegalArgumentException.class, () -> scorer.score(s, START)).getMessage());
        assertEquals("state must have a purchase, found none", assertThrows(IllegalArgumentException.class,
                () -> scorer.score(CustomerState.empty(PurchasePeriod.DAY), AS_OF)).getMessage());
        assertEquals("btyd must be set with lifetimeValue, found none", assertThrows(IllegalArgumentException.class,
                () -> CustomerScorer.builder().lifetimeValue(GammaGammaModel.of(6.25, 3.74, 15.44),
                        Clv.builder().horizon(Period.ofMonths(1)).build()).build()).getMessage());
        KMeansModel km = KMeans.builder().k(1).build().fit(FeatureMatrix.ofRows(List.of("age"),
                new double[][] {{1}, {2}}));
        assertEquals("model column must be one of [recency, frequency, monetary, tenure], found \"age\"",
                assertThrows(IllegalArgumentException.class, () -> CustomerScorer.builder().segments(km).build())
                        .getMessage());
    }
}
