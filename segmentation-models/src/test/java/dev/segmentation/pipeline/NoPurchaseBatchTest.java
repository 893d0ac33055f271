package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lifetime-value stage's P(no purchase) over a whole summary, evaluated once per distinct (x, t_x, T), is bit
 * for bit the per-row value for each of the three transaction models (the speed-up must not change a result).
 */
class NoPurchaseBatchTest {
    @Test
    void batchEqualsPerRowBitForBitForEveryModel() {
        TransactionLog log = RetailSimulator.builder().customers(1500).seed(9).threads(2).build().generate().log();
        SegmentationResult r = Segmentation.of(log).lifetimeValue(LifetimeValue.chosenByHoldout()).run();
        BtydSummary s = r.summary().orElseThrow();
        List<BtydModel> models = List.of(BgNbd.builder().build().fit(s), ModifiedBgNbd.builder().build().fit(s),
                ParetoNbd.builder().build().fit(s));
        Set<List<Double>> triples = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            triples.add(List.of(s.frequency(i), s.recency(i), s.T(i)));
        }
        assertTrue(triples.size() < s.size(), triples.size() + " triples for " + s.size() + " rows");
        for (double d : new double[] {1.5, 13}) {
            for (BtydModel m : models) {
                double[] batch = TransactionModelChoice.noPurchase(m, s, d);
                assertEquals(s.size(), batch.length);
                for (int i = 0; i < s.size(); i++) {
                    double one = TransactionModelChoice.noPurchase(m, s.frequency(i), s.recency(i), s.T(i), d);
                    assertEquals(Double.doubleToLongBits(one), Double.doubleToLongBits(batch[i]),
                            m.name() + " row " + i + ": " + one + " vs " + batch[i]);
                }
            }
        }
    }
}
