package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The simulator's chunks keep exact-length arrays grown in per-worker scratch and derive each line's quantity in
 * the merge instead of storing it (issue 19, the load stage's allocation): the log and the truth must stay the
 * same, column for column and bit for bit. The digest was computed with the previous layout (chunks growing
 * their own fastutil lists, quantity stored), at commit c2a36d1, for one and for two threads.
 */
class SimulatorLayoutDigestTest {
    private static final String BEFORE = "39d6160edd49c6caa1eff0d879155838f0a0ebed007f2a9f85ca37382b3e0437";

    static String digest(SimulatedRetail sim) throws Exception {
        TransactionLog log = sim.log();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(64);
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
                    .putDouble(sim.acquisitionTime(c));
            md.update(b.array(), 0, b.position());
        }
        return log.size() + " " + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void logAndTruthAreThoseOfThePreviousLayoutForOneAndTwoThreads() throws Exception {
        for (int threads : new int[] {1, 2}) {
            SimulatedRetail sim = RetailSimulator.builder().customers(6000).seed(11).threads(threads).build()
                    .generate();
            assertEquals("165236 " + BEFORE, digest(sim), threads + " thread(s)");
        }
    }
}
