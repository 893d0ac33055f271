package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The simulator's workers copy each chunk's lines and invoices into large per-worker slabs, and the chunks write
 * their customers' truth straight into the run's arrays, instead of each chunk keeping arrays of its own (issue 19:
 * the load stage's young collections copied every chunk's arrays while the chunks waited for the merge). The log
 * and every truth array must stay the same bit for bit: the digests were computed with the previous layout
 * (per-chunk exact-length arrays), at commit 02bc3ce, for one, two and three threads; the small slabs make
 * chunks start new slabs, and the large ones hold several chunks each.
 */
class SimulatorSlabDigestTest {
    static String digest(SimulatedRetail sim) throws Exception {
        TransactionLog log = sim.log();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(128);
        for (int i = 0; i < log.size(); i++) {
            b.clear();
            b.putInt(log.customer(i)).putInt(log.invoice(i)).putInt(log.item(i)).putInt(log.channel(i))
                    .putInt(log.category(i)).putLong(log.epochSecond(i)).putDouble(log.quantity(i))
                    .putDouble(log.amount(i));
            md.update(b.array(), 0, b.position());
        }
        for (int c = 0; c < log.customerCount(); c++) {
            b.clear();
            b.putInt(sim.segment(c)).putDouble(sim.lambda(c)).putDouble(sim.dropoutProbability(c))
                    .putDouble(sim.spendRate(c)).putDouble(sim.acquisitionTime(c)).putDouble(sim.deathTime(c))
                    .putInt(sim.repeatPurchases(c));
            for (double t : sim.categoryTaste(c)) {
                b.putDouble(t);
            }
            md.update(b.array(), 0, b.position());
        }
        return log.size() + " " + log.invoiceCount() + " " + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void logAndTruthAreThoseOfThePreviousLayoutForOneToThreeThreadsAndAnySlabSize() throws Exception {
        int[][] slabs = {{RetailSimulator.SLAB_ROWS, RetailSimulator.SLAB_INVOICES}, {1, 1}, {30_000, 7_000},
            {100_000, 20_000}};
        for (int threads : new int[] {1, 2, 3}) {
            for (int[] slab : slabs) {
                String where = threads + " thread(s), slabs " + slab[0] + " x " + slab[1];
                assertEquals("193023 47476 6b87e0303a2b9ac4763468a99b83a5868952d1cf12432d5cd1d0670b208fd3a9",
                        digest(simulator(7001, 5, threads).generate(slab[0], slab[1])), where);
                assertEquals("9559 2193 b3536115b77b343057513f2167648a76fe60c19d7f51ab778eb9bd6a7d5119ae",
                        digest(simulator(300, 9, threads).generate(slab[0], slab[1])), where);
            }
        }
        assertEquals("193023 47476 6b87e0303a2b9ac4763468a99b83a5868952d1cf12432d5cd1d0670b208fd3a9",
                digest(simulator(7001, 5, 2).generate()));
    }

    static RetailSimulator simulator(int customers, long seed, int threads) {
        return RetailSimulator.builder().customers(customers).seed(seed).threads(threads).build();
    }
}
