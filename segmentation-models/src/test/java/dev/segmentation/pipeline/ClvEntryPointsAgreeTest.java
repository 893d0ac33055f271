package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.clv.TimeUnits;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.streaming.CustomerScore;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
import dev.segmentation.testing.SharedData;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "CLV computed in one place for every entry point": the pipeline, {@link Clv#compute} on the pipeline's
 * models and summary, and a {@link BundleScorer} of the saved and reloaded bundle give every customer the same
 * P(alive), expected purchases and CLV bit for bit; the streaming {@link CustomerScorer} with the pipeline's
 * {@link LifetimeValueModel} agrees within 1e-9 relative (it measures recency and age in the model's unit itself).
 * On CDNOW (shared data), whose repeat buyers include some with a zero mean repeat spend (valued at Gamma-Gamma's
 * conditional expectation, not the population mean), and on the simulator.
 */
class ClvEntryPointsAgreeTest {
    private static final Period HORIZON = Period.ofYears(1);

    @Test
    void cdnowEveryEntryPointGivesTheSameClv() {
        TransactionLog cdnow = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_master.txt"), "cdnow").log();
        int zeroSpendRepeat = agree(cdnow);
        assertTrue(zeroSpendRepeat > 0, "CDNOW has repeat buyers with a zero mean repeat spend");
    }

    @Test
    void simulatorEveryEntryPointGivesTheSameClv() {
        agree(RetailSimulator.builder().customers(1500).seed(23).build().generate().log());
    }

    /** Checks every customer; returns the number of repeat buyers with a zero mean repeat spend. */
    private static int agree(TransactionLog log) {
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(3).seed(1))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(HORIZON).annualDiscountRate(0.1)).run();
        BtydLifetimeValueModel model = assertInstanceOf(BtydLifetimeValueModel.class,
                r.lifetimeValueModel().orElseThrow());
        assertEquals(model.transactions(), r.transactionModel().orElseThrow());
        assertEquals(model.spend(), r.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow().spend());
        BtydSummary summary = r.summary().orElseThrow();
        Clv clv = Clv.builder().horizon(HORIZON).annualDiscountRate(0.1).build();
        double[] direct = clv.compute(model.transactions(), model.spend(), summary);
        ModelBundle saved = assertInstanceOf(ModelBundle.class, ModelJson.fromJson(ModelJson.toJson(r.models())));
        SegmentationResult scored = BundleScorer.of(saved).score(log, r.asOf());
        CustomerScorer streaming = CustomerScorer.builder().lifetimeValue(model, clv).horizon(TimeUnits.YEAR).build();
        CustomerState[] states = new CustomerState[log.customerCount()];
        for (int row = 0; row < log.size(); row++) {
            int c = log.customer(row);
            CustomerState s = states[c] == null ? CustomerState.empty(PurchasePeriod.DAY) : states[c];
            states[c] = s.apply(log.dateTime(row).toLocalDate().toEpochDay(), log.amount(row));
        }
        int zeroSpendRepeat = 0;
        for (int j = 0; j < summary.size(); j++) {
            String id = summary.id(j);
            CustomerProfile p = r.customer(id).orElseThrow();
            CustomerProfile q = scored.customer(id).orElseThrow();
            assertEquals(direct[j], p.clv(), id);
            assertEquals(p.clv(), q.clv(), id);
            assertEquals(p.aliveProbability(), q.aliveProbability(), id);
            assertEquals(p.expectedPurchases(), q.expectedPurchases(), id);
            CustomerScore s = streaming.score(states[log.customerIndex(id)], r.asOf());
            assertEquals(p.clv(), s.lifetimeValue(), 1e-9 * Math.max(1, p.clv()), id);
            assertEquals(p.aliveProbability(), s.probabilityAlive(), 1e-9, id);
            assertEquals(p.expectedPurchases(), s.expectedPurchases(), 1e-9 * Math.max(1, p.expectedPurchases()), id);
            if (summary.frequency(j) > 0 && summary.monetary(j) == 0) {
                zeroSpendRepeat++;
                assertEquals(clv.customerValue(model.transactions(),
                        model.spend().conditionalExpectedAverageSpend(summary.frequency(j), 0), summary.frequency(j),
                        summary.recency(j), summary.T(j)), p.clv(), id);
            }
        }
        assertEquals(r.size(), summary.size());
        return zeroSpendRepeat;
    }
}
