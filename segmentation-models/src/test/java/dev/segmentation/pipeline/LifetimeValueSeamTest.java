package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.Provenance;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.exampleltv.FlatRate;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.streaming.CustomerScorer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 18: {@link LifetimeValue} as a lifetime-value trainer, and the seam's bad inputs with their messages. */
class LifetimeValueSeamTest {
    private static final TransactionLog LOG = RetailSimulator.builder().customers(500).seed(8).build().generate()
            .log();

    @Test
    void fitOnItsOwnGivesThePipelinesModels() {
        LocalDate asOf = LOG.lastDateTime().toLocalDate().minusDays(30);
        SegmentationResult r = Segmentation.of(LOG).asOf(asOf).lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .run();
        BtydLifetimeValueModel own = assertInstanceOf(BtydLifetimeValueModel.class,
                LifetimeValue.bgNbd(BgNbd.builder()).fit(LOG, asOf));
        BtydLifetimeValueModel piped = assertInstanceOf(BtydLifetimeValueModel.class,
                r.lifetimeValueModel().orElseThrow());
        assertEquals(piped.transactions().params(), own.transactions().params());
        assertEquals(piped.spend().params(), own.spend().params());
        assertEquals("bgnbd + Gamma-Gamma", own.name());
        assertEquals(Duration.ofDays(7), own.unit());
    }

    /** Another family's model with a BTYD transaction model behind it, given through the seam only. */
    private static final class Delegating implements LifetimeValueModel {
        private final BtydLifetimeValueModel inner;

        Delegating(BtydLifetimeValueModel inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "delegating";
        }

        @Override
        public Duration unit() {
            return inner.unit();
        }

        @Override
        public double probabilityAlive(double frequency, double recency, double T) {
            return inner.probabilityAlive(frequency, recency, T);
        }

        @Override
        public double expectedPurchases(double t, double frequency, double recency, double T) {
            return inner.expectedPurchases(t, frequency, recency, T);
        }

        @Override
        public double value(Clv clv, double frequency, double recency, double T, double monetary) {
            return inner.value(clv, frequency, recency, T, monetary);
        }

        @Override
        public Optional<BtydModel> transactionModel() {
            return inner.transactionModel();
        }

        @Override
        public Provenance provenance() {
            return inner.provenance();
        }

        @Override
        public Delegating withProvenance(Provenance provenance) {
            return new Delegating(inner.withProvenance(provenance));
        }
    }

    @Test
    void aModelOfAnotherTypeGivesItsTransactionModelThroughTheSeam() {
        LifetimeValue builtIn = LifetimeValue.bgNbd(BgNbd.builder());
        SegmentationResult expected = Segmentation.of(LOG).churn(60, LogisticRegression.builder())
                .lifetimeValue(builtIn).run();
        SegmentationResult wrapped = Segmentation.of(LOG).churn(60, LogisticRegression.builder())
                .lifetimeValue((log, asOf) -> new Delegating((BtydLifetimeValueModel) builtIn.fit(log, asOf))).run();
        assertInstanceOf(Delegating.class, wrapped.lifetimeValueModel().orElseThrow());
        // the pipeline asks the seam (transactionModel()), not the model's class: the same transaction model and
        // the same P(no purchase over the churn horizon), bit for bit
        assertEquals(expected.transactionModel().orElseThrow().params(),
                wrapped.transactionModel().orElseThrow().params());
        assertArrayEquals(expected.noPurchaseProbabilities().orElseThrow(),
                wrapped.noPurchaseProbabilities().orElseThrow());
    }

    @Test
    void ofKeepsAConfigurationAndWrapsAnyOtherTrainer() {
        LifetimeValue given = LifetimeValue.chosenByHoldout();
        assertSame(given, LifetimeValue.of(given));
        LifetimeValue flat = LifetimeValue.of(new FlatRate()).horizon(Period.ofMonths(3)).annualDiscountRate(0.2);
        assertEquals(Period.ofMonths(3), flat.horizon());
        assertEquals(0.2, flat.annualDiscountRate());
        assertEquals("LifetimeValue{trainer=FlatRate{}, horizon=P3M, annualDiscountRate=0.2}", flat.toString());
    }

    @Test
    void badInputsAreRefusedWithTheirMessages() {
        assertEquals("spend must be set on a BTYD configuration, found a custom trainer FlatRate{}",
                assertThrows(IllegalStateException.class,
                        () -> LifetimeValue.of(new FlatRate()).spend(GammaGamma.builder())).getMessage());
        assertEquals("unit must be set on a BTYD configuration, found a custom trainer FlatRate{}",
                assertThrows(IllegalStateException.class,
                        () -> LifetimeValue.of(new FlatRate()).unit(Duration.ofDays(1))).getMessage());
        assertEquals("dropoutWeights must be set on a chosenByHoldout() configuration, found a custom trainer",
                assertThrows(IllegalStateException.class,
                        () -> LifetimeValue.of(new FlatRate()).dropoutWeights(0, 1e-3)).getMessage());
        LocalDate first = LOG.firstDateTime().toLocalDate();
        assertEquals("asOf must be after the first purchase date " + first + ", found " + first,
                assertThrows(IllegalArgumentException.class,
                        () -> LifetimeValue.bgNbd(BgNbd.builder()).fit(LOG, first)).getMessage());
        LocalDate late = LOG.lastDateTime().toLocalDate().plusDays(2);
        assertEquals("asOf must be on or before the day after the last purchase " + late.minusDays(1) + ", found "
                + late, assertThrows(IllegalArgumentException.class,
                        () -> LifetimeValue.bgNbd(BgNbd.builder()).fit(LOG, late)).getMessage());

        SegmentationResult r = Segmentation.of(LOG).segments(KMeans.builder().k(3).seed(1))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        BtydLifetimeValueModel model = (BtydLifetimeValueModel) r.lifetimeValueModel().orElseThrow();
        Clv clv = Clv.builder().horizon(Period.ofYears(1)).build();
        assertEquals("btyd and a spend model must not be set with a lifetime-value model, found btyd bgnbd",
                assertThrows(IllegalArgumentException.class, () -> CustomerScorer.builder()
                        .btyd(model.transactions()).lifetimeValue(model, clv).build()).getMessage());
        assertEquals("btyd and a spend model must not be set with a lifetime-value model, found a spend model",
                assertThrows(IllegalArgumentException.class, () -> CustomerScorer.builder()
                        .lifetimeValue(model.spend(), clv).lifetimeValue(model, clv).build()).getMessage());

        ModelBundle.Builder wrong = ModelBundle.builder();
        for (Map.Entry<String, Object> e : r.models().models().entrySet()) {
            if (!e.getKey().equals("transactions") && !e.getKey().equals("spend")) {
                wrong.put(e.getKey(), e.getValue());
            }
        }
        wrong.put("lifetimeValue", model.spend());
        assertEquals("bundle entry lifetimeValue must be a lifetime-value model, found GammaGammaModel",
                assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(wrong.build())).getMessage());
    }
}
