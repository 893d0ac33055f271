package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.exampleltv.FlatRate;
import dev.segmentation.exampleltv.FlatRateModel;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.streaming.CustomerScore;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "adding a model family touches its own package and one registration line", for the lifetime-value
 * seam: the family {@link FlatRate} lives in its own (test) package {@code dev.segmentation.exampleltv}; the
 * pipeline fits and scores it through the seam, the bundle holds it as its {@code lifetimeValue} entry, and after
 * the one line below the bundle is saved, read back and scored by {@link BundleScorer} bit for bit, and the
 * streaming {@link CustomerScorer} scores it too.
 */
class ExampleLifetimeValueFamilyTest {
    /** The one registration line of the new family. */
    static final Registry WITH_FLAT_RATE = Codecs.STANDARD.plus(ModelType.of("flat-rate", FlatRateModel.class,
            FlatRateModel::write, d -> FlatRateModel.of(Duration.ofSeconds(d.longValue("unitSeconds")),
                    d.number("rate"), d.number("meanSpend"))));

    @Test
    void theNewFamilyRunsInThePipelineIsSavedInABundleAndScored() {
        TransactionLog log = RetailSimulator.builder().customers(500).seed(5).build().generate().log();
        Period horizon = Period.ofMonths(6);
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(3).seed(1))
                .lifetimeValue(LifetimeValue.of(new FlatRate()).horizon(horizon).annualDiscountRate(0.12)).run();
        FlatRateModel model = assertInstanceOf(FlatRateModel.class, r.lifetimeValueModel().orElseThrow());
        assertTrue(model.rate() > 0, model.toString());
        assertEquals("FlatRate", model.provenance().trainer());
        // not a BTYD model (the seam's default transactionModel() is empty): the BTYD accessors are empty, the
        // summary is there (in the model's unit)
        assertFalse(model.transactionModel().isPresent());
        assertFalse(r.transactionModel().isPresent());
        assertFalse(r.lifetimeValueModel(BtydLifetimeValueModel.class).isPresent());
        assertEquals(Duration.ofDays(7), r.summary().orElseThrow().unit());
        assertEquals(horizon.toString(), r.catalog().orElseThrow().clvHorizon());
        assertEquals(0.12, r.catalog().orElseThrow().annualDiscountRate());

        ModelBundle bundle = r.models();
        assertTrue(bundle.names().contains("lifetimeValue"), bundle.names().toString());
        assertFalse(bundle.names().contains("transactions"), bundle.names().toString());
        // the standard registry does not know the family: saving names it
        assertEquals("model must be one of the persistable types " + Codecs.STANDARD + ", found "
                + FlatRateModel.class.getName(), assertThrows(IllegalArgumentException.class,
                        () -> ModelJson.toJson(bundle)).getMessage());
        // with the line: saved, read back, the same file, and scored as the pipeline did, bit for bit
        String json = ModelJson.toJson(bundle, WITH_FLAT_RATE);
        assertTrue(json.contains("\"type\" : \"flat-rate\""), json);
        ModelBundle back = assertInstanceOf(ModelBundle.class, ModelJson.fromJson(json, WITH_FLAT_RATE));
        assertEquals(json, ModelJson.toJson(back, WITH_FLAT_RATE));
        FlatRateModel read = back.get("lifetimeValue", FlatRateModel.class);
        assertEquals(model.provenance(), read.provenance());
        SegmentationResult scored = BundleScorer.of(back).score(log, r.asOf());
        assertInstanceOf(FlatRateModel.class, scored.lifetimeValueModel().orElseThrow());
        assertEquals(r.size(), scored.size());
        Clv clv = Clv.builder().horizon(horizon).annualDiscountRate(0.12).build();
        CustomerScorer streaming = CustomerScorer.builder().lifetimeValue(model, clv)
                .horizon(Duration.ofSeconds(Math.round(dev.segmentation.clv.TimeUnits.inUnits(horizon,
                        Duration.ofSeconds(1))))).build();
        double total = 0;
        for (int i = 0; i < r.size(); i++) {
            CustomerProfile p = r.customer(i);
            CustomerProfile q = scored.customer(p.id()).orElseThrow();
            assertEquals(p.aliveProbability(), q.aliveProbability(), p.id());
            assertEquals(p.expectedPurchases(), q.expectedPurchases(), p.id());
            assertEquals(p.clv(), q.clv(), p.id());
            assertTrue(p.clv() >= 0 && Double.isFinite(p.clv()), p.id());
            total += p.clv();
            CustomerScore s = streaming.score(stateOf(log, p.id()), r.asOf());
            assertEquals(p.clv(), s.lifetimeValue(), 1e-9 * Math.max(1, p.clv()), p.id());
            assertEquals(p.expectedPurchases(), s.expectedPurchases(), 1e-9 * Math.max(1, p.expectedPurchases()),
                    p.id());
            assertEquals(1.0, s.probabilityAlive());
        }
        assertTrue(total > 0, "total CLV " + total);
    }

    private static CustomerState stateOf(TransactionLog log, String id) {
        CustomerState state = CustomerState.empty(PurchasePeriod.DAY);
        int c = log.customerIndex(id);
        for (int row = 0; row < log.size(); row++) {
            if (log.customer(row) == c) {
                state = state.apply(log.dateTime(row).toLocalDate().toEpochDay(), log.amount(row));
            }
        }
        return state;
    }
}
